import type { z } from 'zod';
import { ProtocolError } from './errors.ts';

/**
 * Runs a schema over untrusted input. Returns the typed value or throws ProtocolError('Malformed')
 * naming the first field at fault (dotted path) and listing every issue in `reasons`.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => ({
    code: issue.code,
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = reasons[0];
  const field = first?.field ?? '';
  throw new ProtocolError(
    'Malformed',
    `${what}: ${field ? `${field}: ` : ''}${first?.message ?? 'invalid'}`,
    {
      field,
      reasons,
      cause: result.error,
    },
  );
}
