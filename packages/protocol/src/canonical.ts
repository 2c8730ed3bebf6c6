import canonicalizeLib from 'canonicalize';
import { utf8 } from './encoding.ts';
import { ProtocolError } from './errors.ts';

// RFC 8785 (JCS) through the reference implementation's author's package, so number
// serialisation (ES2015 Number.prototype.toString) and UTF-16 key ordering are not hand-written.
const canonicalizeFn = canonicalizeLib as unknown as (value: unknown) => string | undefined;

export function canonicalize(value: unknown): string {
  let text: string | undefined;
  try {
    text = canonicalizeFn(value);
  } catch (cause) {
    throw new ProtocolError('Malformed', 'value cannot be canonicalized (RFC 8785)', { cause });
  }
  if (text === undefined) throw new ProtocolError('Malformed', 'value has no JSON form (RFC 8785)');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8(canonicalize(value));
}
