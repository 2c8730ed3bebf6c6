import { z } from 'zod';

// Text that reaches a database or a person. PostgreSQL refuses U+0000 in text and jsonb, so a NUL
// would turn bad input into a 500; a lone surrogate is not Unicode at all (RFC 8259 §8.2 allows it
// in JSON, but it cannot be stored or shown faithfully); and the bidirectional controls reorder
// what a person reads, so "Shop ‮lanigiro" can pass for another payee (Unicode TR #9 §2; CVE-2021-42574,
// "Trojan Source"). None has a place in any field of this protocol.

/** U+202A..U+202E (embeddings, overrides), U+2066..U+2069 (isolates), U+200E/F (marks), U+061C. */
const bidiControl = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/**
 * The longest string any field of a request may hold, in UTF-16 code units: twice the longest any
 * schema allows (a presented member token, 8192). Each field's own schema sets its real bound; this
 * one holds at the edge for every field at once, whatever a route parses later.
 */
export const maxTextLength = 16_384;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `s` is refused as protocol text, or undefined when it is fine. */
export function textIssue(s: string): string | undefined {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (loneSurrogate.test(s)) return 'contains a lone surrogate (not Unicode text)';
  const bidi = bidiControl.exec(s);
  if (bidi)
    return `contains the bidirectional control U+${bidi[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}, which can disguise text`;
  return undefined;
}

/** A string schema that refuses what textIssue refuses; `max` in UTF-16 code units, as zod counts. */
export function textSchema(o: { min?: number; max: number }) {
  return z
    .string()
    .min(o.min ?? 0)
    .max(o.max)
    .superRefine((s, ctx) => {
      const issue = textIssue(s);
      if (issue) ctx.addIssue({ code: 'custom', message: issue });
    });
}

/**
 * The first string (object key or value) in parsed JSON that textIssue refuses, or longer than
 * maxTextLength, with its dotted
 * path (`requester.name`, `items.0.label`), as parseWith names fields. Iterative, so nesting as deep
 * as JSON.parse accepts cannot overflow the stack; the path is built only for the string at fault.
 */
export function findBadText(value: unknown): { field: string; message: string } | undefined {
  type Entry = { value: unknown; key: string | undefined; parent: Entry | undefined };
  const pathOf = (e: Entry | undefined, last?: string): string => {
    const parts: string[] = last === undefined ? [] : [last];
    for (let at = e; at?.key !== undefined; at = at.parent) parts.push(at.key);
    return parts.reverse().join('.');
  };
  const stack: Entry[] = [{ value, key: undefined, parent: undefined }];
  for (let e = stack.pop(); e !== undefined; e = stack.pop()) {
    const v = e.value;
    if (typeof v === 'string') {
      const issue =
        v.length > maxTextLength
          ? `is ${v.length} characters long; at most ${maxTextLength} are accepted`
          : textIssue(v);
      if (issue) return { field: pathOf(e), message: `${pathOf(e) || 'body'}: ${issue}` };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: String(i), parent: e });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      for (const [k] of entries) {
        const keyIssue =
          k.length > maxTextLength ? `is longer than ${maxTextLength} characters` : textIssue(k);
        if (keyIssue) {
          const field = pathOf(e, k.replace(new RegExp(loneSurrogate.source, 'g'), '\uFFFD'));
          return { field, message: `${field}: the name ${keyIssue}` };
        }
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i] as [string, unknown];
        stack.push({ value: child, key: k, parent: e });
      }
    }
  }
  return undefined;
}
