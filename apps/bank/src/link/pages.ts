/**
 * The consent page's HTML, rendered on the server: plain forms, no script at all, one stylesheet
 * from this origin, so a strict Content-Security-Policy holds (script-src none).
 */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch]!);
}

/** Template literal that escapes every interpolated value unless it is already `Html`. */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[])[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const text = Array.isArray(v)
      ? v.map((h) => h.text).join('')
      : v instanceof Html
        ? v.text
        : escapeHtml(String(v));
    out += text + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

export function page(
  bankName: string,
  title: string,
  body: Html,
  options: { nav?: Html; wide?: boolean } = {},
): string {
  return `<!doctype html>${
    html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${bankName} — ${title}</title>
<link rel="stylesheet" href="/static/bank.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header><span class="logo" aria-hidden="true">◆</span> ${bankName}</header>
${options.nav ?? html``}
<main class="${options.wide ? 'wide' : ''}">
<h1>${title}</h1>
${body}
</main>
<footer class="${options.wide ? 'wide' : ''}">A demo bank. Never enter real credentials here.</footer>
</body>
</html>`.text
  }`;
}

export interface LinkParams {
  member: string;
  returnUrl: string;
  state: string;
}

function hiddenParams(p: LinkParams): Html {
  return html`<input type="hidden" name="member" value="${p.member}">
<input type="hidden" name="return" value="${p.returnUrl}">
<input type="hidden" name="state" value="${p.state}">`;
}

export function signInPage(bankName: string, p: LinkParams, error?: string, username = ''): string {
  return page(
    bankName,
    'Sign in',
    html`<p>A Token wallet asks to see and use accounts you hold at ${bankName}. Sign in to choose which.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : html``}
<form method="post" action="/link/login">
${hiddenParams(p)}
${credentialFields(username)}
<button type="submit">Sign in</button>
</form>
<form method="post" action="/link/cancel">
${hiddenParams(p)}
<button type="submit" class="secondary">Cancel</button>
</form>`,
  );
}

/**
 * Username and password. After a wrong password the username stays filled in and the password
 * field takes the focus (the person retypes only what was wrong).
 */
export function credentialFields(username: string): Html {
  return username
    ? html`<label>Username <input name="username" autocomplete="username" required maxlength="64" value="${username}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200" autofocus></label>`
    : html`<label>Username <input name="username" autocomplete="username" required maxlength="64" autofocus></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required maxlength="200"></label>`;
}

export interface AccountChoice {
  id: string;
  name: string;
  currency: string;
  maskedNumber: string;
  balance: string;
}

export function chooseAccountsPage(
  bankName: string,
  args: { session: string; displayName: string; accounts: AccountChoice[]; error?: string },
): string {
  const rows = args.accounts.map(
    (a) =>
      html`<li><label><input type="checkbox" name="account" value="${a.id}"> <strong>${a.name}</strong> <span class="mono">${a.maskedNumber}</span> <span class="muted">${a.balance} ${a.currency}</span></label></li>`,
  );
  return page(
    bankName,
    'Choose accounts',
    html`<p>Signed in as ${args.displayName}. Which accounts may your Token wallet use? It will see each account's name, currency and last four digits; payments still need your approval each time.</p>
${args.error ? html`<p class="error" role="alert">${args.error}</p>` : html``}
<form method="post" action="/link/confirm">
<input type="hidden" name="session" value="${args.session}">
<ul class="accounts">${rows}</ul>
<button type="submit" name="decision" value="allow">Link selected accounts</button>
<button type="submit" name="decision" value="deny" class="secondary">Cancel</button>
</form>`,
  );
}

export function errorPage(bankName: string, title: string, message: string): string {
  return page(bankName, title, html`<p class="error">${message}</p>`);
}

export const stylesheet = `:root { color-scheme: light; --ink: #1d2433; --muted: #5b6475; --accent: #3d4f7c; --bg: #f4f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 1rem 1.5rem; background: var(--accent); color: #fff; font-weight: 600; letter-spacing: .02em; }
.logo { margin-right: .4rem; }
main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .75rem; box-shadow: 0 1px 4px rgb(0 0 0 / 10%); }
h1 { margin-top: 0; font-size: 1.4rem; }
label { display: block; margin: .75rem 0; }
input[name=username], input[type=password] { display: block; width: 100%; padding: .5rem; margin-top: .25rem; font: inherit; border: 1px solid #c5cad6; border-radius: .4rem; }
button { margin-top: 1rem; padding: .6rem 1.2rem; font: inherit; color: #fff; background: var(--accent); border: 0; border-radius: .4rem; cursor: pointer; }
button.secondary { color: var(--accent); background: transparent; border: 1px solid var(--accent); }
ul.accounts { padding: 0; list-style: none; }
ul.accounts li { padding: .5rem 0; border-bottom: 1px solid #e6e8ee; }
.mono { font-family: ui-monospace, monospace; }
.muted, footer { color: var(--muted); }
.error { padding: .5rem .75rem; color: #8a1c1c; background: #fdecec; border-radius: .4rem; }
footer { max-width: 32rem; margin: 0 auto 2rem; font-size: .85rem; text-align: center; }
nav.online { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; max-width: 40rem; margin: 1rem auto 0; padding: 0 1rem; }
nav.online a, main a { color: var(--accent); }
nav.online form { margin-left: auto; }
nav.online button { margin: 0; padding: .3rem .8rem; }
main.wide, footer.wide { max-width: 40rem; }
.notice { padding: .5rem .75rem; color: #1c4f2a; background: #e7f5ea; border-radius: .4rem; }
table { width: 100%; border-collapse: collapse; }
th, td { padding: .45rem .25rem; text-align: left; border-bottom: 1px solid #e6e8ee; vertical-align: top; }
td.amount, th.amount { text-align: right; white-space: nowrap; }
.credit { color: #1c6b34; }
ul.cards { padding: 0; list-style: none; }
ul.cards li { padding: .75rem 0; border-bottom: 1px solid #e6e8ee; overflow-wrap: anywhere; }
ul.cards form { display: inline; }
ul.cards button { margin-top: .5rem; }
.status { display: inline-block; padding: 0 .4rem; font-size: .85rem; border-radius: .3rem; background: #eceef3; }
`;

/** The bank's mark, the same diamond as in the header, so a tab shows which bank it is. */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#3d4f7c"/><path d="M8 2.5 13.5 8 8 13.5 2.5 8z" fill="#fff"/></svg>`;
