// The button's styles live in its shadow root, so the merchant's CSS cannot break it and it cannot
// leak into the page. Theming goes through CSS custom properties, which inherit into the shadow
// tree: the merchant sets them on any ancestor from its own stylesheet.

/** The custom properties a merchant may set (README.md lists their defaults). */
export const themeVariables = [
  '--tokenos-background',
  '--tokenos-color',
  '--tokenos-focus-color',
  '--tokenos-text-color',
  '--tokenos-radius',
  '--tokenos-height',
  '--tokenos-font',
] as const;
export type ThemeVariable = (typeof themeVariables)[number];

const dark =
  '--bg:var(--tokenos-background,#60a5fa);--fg:var(--tokenos-color,#0b1220);--focus:var(--tokenos-focus-color,#fbbf24)';

export const css = `
:host{display:block;--bg:var(--tokenos-background,#1d4ed8);--fg:var(--tokenos-color,#fff);--focus:var(--tokenos-focus-color,#b45309);--text:var(--tokenos-text-color,inherit);--font:var(--tokenos-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif)}
:host([data-theme=dark]){${dark}}
@media (prefers-color-scheme:dark){:host([data-theme=auto]){${dark}}}
[hidden]{display:none!important}
.pay{box-sizing:border-box;display:flex;align-items:center;justify-content:center;gap:.5em;width:100%;min-height:var(--tokenos-height,48px);margin:0;padding:.5em 1.25em;border:0;border-radius:var(--tokenos-radius,.75rem);background:var(--bg);color:var(--fg);font:600 1rem/1.25 var(--font);cursor:pointer}
.pay:hover{filter:brightness(1.1)}
.pay[aria-disabled=true]{cursor:progress;filter:saturate(.7)}
.pay svg{width:1.4em;height:1.4em;flex:none}
.pay:focus-visible,.link:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.spin{animation:spin 1s linear infinite}
@keyframes spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spin{animation:none}}
.wait{display:flex;flex-wrap:wrap;justify-content:center;gap:0 1.5em}
.link{min-height:44px;margin:0;padding:0 .25em;border:0;background:none;color:var(--text);font:500 .9375rem/1.25 var(--font);text-decoration:underline;text-underline-offset:.2em;cursor:pointer}
.status{margin:.5em 0 0;color:var(--text);font:.875rem/1.4 var(--font);text-align:center}
.status:empty{margin:0}
.phone{margin:.75em 0 0;color:var(--text);font:.875rem/1.4 var(--font);text-align:center}
.phone p{margin:0 0 .5em}
.qr{display:block;width:180px;height:180px;margin:0 auto .5em;background:#fff}
.short{display:block;color:var(--text);font-size:.8125rem;word-break:break-all}
.phone .code{margin:.5em 0 0;font-weight:600}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (forced-colors:active){.pay{border:2px solid ButtonText}}
`;

let shared: CSSStyleSheet | undefined;

/**
 * Constructable stylesheets (adoptedStyleSheets) need no `style-src` exception under a strict
 * CSP; where the browser lacks them, a <style> element carries the merchant's CSP nonce.
 */
export function applyStyles(root: ShadowRoot, nonce: string | undefined): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(css);
    }
    root.adoptedStyleSheets = [shared];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.append(style);
}
