const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for element content and quoted attribute values (HTML §13.1.2.3). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch]!);
}

/** Markup that is already safe; anything else interpolated into `html` is escaped. */
export class Html {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
}

/** What `html` accepts: nothing (`undefined`, `null`, `false`) renders as the empty string. */
export type HtmlValue = string | number | Html | readonly Html[] | undefined | null | false;

/** Template literal that escapes every interpolated value unless it is already `Html`. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const text =
      v === undefined || v === null || v === false
        ? ''
        : Array.isArray(v)
          ? v.map((h: Html) => h.text).join('')
          : v instanceof Html
            ? v.text
            : escapeHtml(String(v));
    out += text + (strings[i + 1] ?? '');
  });
  return new Html(out);
}
