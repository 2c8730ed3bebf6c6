import {
  type Approval,
  type Cancellation,
  type CheckoutOutcome,
  type OpenOptions,
  open,
  resume,
  type Waiting,
} from './checkout.ts';
import { resolveConfig } from './config.ts';
import { CheckoutError } from './errors.ts';
import { locales, type Messages, resolveLocale } from './locale.ts';
import { applyStyles, type ThemeVariable } from './styles.ts';

export interface ButtonOptions extends Omit<OpenOptions, 'onWaiting' | 'onRedirect' | 'openingText'> {
  /** Asks the merchant's backend for a token request and resolves to its id; the amount is fixed there. */
  createRequest: () => string | PromiseLike<string>;
  /** Send `result` to the backend, which verifies it (SDK verifyTokenRequestResult) before it trusts it. */
  onApprove: (approval: Approval) => void | PromiseLike<void>;
  onCancel?: (cancellation: Cancellation) => void;
  onError?: (error: CheckoutError) => void;
  /** 'auto' (default): the browser's languages; or one of en, de, fr, es, it, nl, pl (a region is dropped). */
  locale?: string;
  /** 'auto' (default) follows prefers-color-scheme. */
  theme?: 'auto' | 'light' | 'dark';
  /** Custom property values set on the button's host (CSSOM, so no CSP exception is needed). */
  variables?: Partial<Record<ThemeVariable, string>>;
  /** 'pay' (default): "Pay with Token"; 'connect': "Connect with Token" for access grants. */
  action?: 'pay' | 'connect';
  /** The page's CSP nonce, for browsers without constructable stylesheets. */
  nonce?: string;
  /** Report an outcome that arrives by redirect on page load to this button's handlers (default true). */
  resume?: boolean;
}

export interface CheckoutButton {
  /** The host element the button lives in (its shadow root holds the button). */
  readonly element: HTMLElement;
  /** Runs the checkout as a click would (call it from a user gesture, or it redirects). */
  click(): void;
  destroy(): void;
}

const svgNs = 'http://www.w3.org/2000/svg';

/** A coin with a check: the Token mark, drawn with attributes only (no inline style). */
function mark(): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const circle = document.createElementNS(svgNs, 'circle');
  for (const [k, v] of Object.entries({
    cx: '12',
    cy: '12',
    r: '10',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2',
  }))
    circle.setAttribute(k, v);
  const path = document.createElementNS(svgNs, 'path');
  for (const [k, v] of Object.entries({
    d: 'M7.5 12.5l3 3 6-7',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2.25',
    'stroke-linecap': 'round',
    'stroke-linejoin': 'round',
  }))
    path.setAttribute(k, v);
  svg.append(circle, path);
  return svg;
}

/** Three quarters of a ring, turned by CSS while the checkout runs (still under reduced motion: a static ring). */
function spinner(): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('spin');
  const arc = document.createElementNS(svgNs, 'path');
  for (const [k, v] of Object.entries({
    d: 'M12 3a9 9 0 1 1-9 9',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2.5',
    'stroke-linecap': 'round',
  }))
    arc.setAttribute(k, v);
  svg.append(arc);
  return svg;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<'className' | 'id' | 'type' | 'textContent', string>> = {},
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  return e;
}

function asCheckoutError(e: unknown): CheckoutError {
  return e instanceof CheckoutError
    ? e
    : new CheckoutError('HandlerFailed', 'onApprove failed', { cause: e });
}

/**
 * Renders an accessible "Pay with Token" button into `element` and runs the whole checkout from
 * it: createRequest on click (the popup opens synchronously first), the wallet, the outcome to
 * onApprove / onCancel / onError. An outcome brought back by redirect is reported on load.
 */
export function button(element: Element, options: ButtonOptions): CheckoutButton {
  const config = resolveConfig(options);
  const locale = resolveLocale(options.locale, typeof navigator === 'undefined' ? [] : navigator.languages);
  const t: Messages = locales[locale];
  const report = (error: CheckoutError): void => {
    if (options.onError) options.onError(error);
    else console.error(error);
  };

  const host = el('div', { className: 'tokenos-checkout' });
  host.dataset.theme = options.theme ?? 'auto';
  for (const [name, value] of Object.entries(options.variables ?? {}))
    if (value) host.style.setProperty(name, value);
  const root = host.attachShadow({ mode: 'open' });
  applyStyles(root, options.nonce);

  const wrap = el('div');
  wrap.lang = locale;
  const label = el('span', { textContent: options.action === 'connect' ? t.connect : t.pay });
  const main = el('button', { type: 'button', className: 'pay' });
  main.setAttribute('aria-describedby', 'tokenos-hint');
  const idleIcon = mark();
  const busyIcon = spinner();
  busyIcon.toggleAttribute('hidden', true);
  main.append(idleIcon, busyIcon, label);
  const hint = el('span', { id: 'tokenos-hint', className: 'sr', textContent: t.hint });
  const wait = el('div', { className: 'wait' });
  wait.hidden = true;
  const show = el('button', { type: 'button', className: 'link', textContent: t.show });
  const cancel = el('button', { type: 'button', className: 'link', textContent: t.cancel });
  wait.append(show, cancel);
  const status = el('p', { className: 'status' });
  status.setAttribute('role', 'status');
  wrap.append(main, hint, wait, status);
  root.append(wrap);
  element.append(host);

  let busy = false;
  let waiting: Waiting | undefined;
  let destroyed = false;

  const setBusy = (on: boolean): void => {
    busy = on;
    main.setAttribute('aria-disabled', String(on));
    idleIcon.toggleAttribute('hidden', on);
    busyIcon.toggleAttribute('hidden', !on);
    if (!on) {
      wait.hidden = true;
      waiting = undefined;
    }
  };
  const say = (text: string): void => {
    status.textContent = text;
  };

  const settle = async (outcome: CheckoutOutcome): Promise<void> => {
    if (destroyed) return;
    // Focus returns to the button if it was inside the widget (Cancel, Show wallet) or lost.
    const refocus = root.activeElement !== null || document.activeElement === document.body;
    if (outcome.status === 'approved') {
      say(t.approved);
      wait.hidden = true;
      try {
        await options.onApprove({
          requestId: outcome.requestId,
          tokenId: outcome.tokenId,
          result: outcome.result,
        });
      } catch (e) {
        report(asCheckoutError(e));
      }
    } else {
      say(t.cancelled);
      const { status: _, ...cancellation } = outcome;
      options.onCancel?.(cancellation);
    }
    setBusy(false);
    if (refocus) main.focus();
  };

  const start = (): void => {
    if (destroyed) return;
    if (busy) {
      waiting?.focus();
      return;
    }
    setBusy(true);
    say(t.opening);
    open(options.createRequest, {
      ...config,
      ...(options.mode ? { mode: options.mode } : {}),
      openingText: t.opening,
      onWaiting: (w) => {
        waiting = w;
        say(t.waiting);
        // "Show wallet" once the wallet is there, and only while the window handle works.
        show.hidden = !w.attached || w.severed;
        wait.hidden = false;
      },
    }).then(settle, (e: unknown) => {
      if (destroyed) return;
      say(t.failed);
      setBusy(false);
      report(asCheckoutError(e));
    });
  };

  main.addEventListener('click', start);
  show.addEventListener('click', () => {
    waiting?.focus();
  });
  cancel.addEventListener('click', () => {
    waiting?.cancel();
  });

  if (options.resume !== false) {
    void resume().then((outcome) => {
      if (!outcome) return;
      setBusy(true);
      return settle(outcome);
    });
  }

  return {
    element: host,
    click: start,
    destroy: () => {
      destroyed = true;
      waiting?.cancel();
      host.remove();
    },
  };
}
