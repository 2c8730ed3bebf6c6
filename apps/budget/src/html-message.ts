// A translated sentence with markup inside it (a <time>, a formatted amount in a <span>): the whole
// sentence stays one message, so each language orders its own words; the words are escaped and the
// markup put where its placeholder stands.
import type { Translator, Value } from '@tokenos/i18n';
import { escapeHtml, Html } from '@tokenos/web-kit';

// Private-use characters (U+E000, U+E001) around the markup's index: no language's words use them.
const open = '\uE000';
const close = '\uE001';
const marker = /\uE000(\d+)\uE001/g;

export function htmlMessage<K extends string>(
  t: Translator<K>,
  key: K,
  values: Readonly<Record<string, Value | Html>>,
): Html {
  const markup: string[] = [];
  const plain: Record<string, Value> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value instanceof Html) {
      plain[name] = `${open}${markup.push(value.text) - 1}${close}`;
    } else {
      // Text from outside (a name) cannot forge a marker.
      plain[name] = typeof value === 'string' ? value.replace(/[\uE000\uE001]/g, '') : value;
    }
  }
  return new Html(escapeHtml(t(key, plain)).replace(marker, (_, i: string) => markup[Number(i)] ?? ''));
}
