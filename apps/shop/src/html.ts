const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

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

type Value = string | number | Html | readonly Html[] | undefined | null | false;

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const text =
      v === undefined || v === null || v === false
        ? ''
        : Array.isArray(v)
          ? v.map((h: Html) => h.text).join('')
          : v instanceof Html
            ? v.text
            : String(v).replace(/[&<>"']/g, (ch) => entities[ch]!);
    out += text + (strings[i + 1] ?? '');
  });
  return new Html(out);
}
