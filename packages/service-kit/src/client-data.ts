import { fromBase64url, ProtocolError, type ProtocolErrorCode } from '@tokenos/protocol';

/** The members of CollectedClientData the relying party checks (W3C WebAuthn L3 §5.8.1). */
export interface ClientData {
  type: string;
  challenge: string;
  origin: string;
  crossOrigin?: boolean;
  topOrigin?: string;
  /** Secure Payment Confirmation's record of what the browser showed (SPC §4.1.3); checked by the caller. */
  payment?: unknown;
}

/**
 * Decodes clientDataJSON (base64url of UTF-8 JSON, §5.8.1) and refuses a ceremony run in a
 * cross-origin iframe: the wallet runs its ceremonies top-level, and a framed one could be
 * clickjacked (§5.8.1 crossOrigin, §13.4.2). Errors carry `code` and name `field`.
 */
export function parseClientData(encoded: string, code: ProtocolErrorCode, field: string): ClientData {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(encoded, field)));
  } catch (e) {
    throw new ProtocolError(code, `${field} is not base64url of UTF-8 JSON`, { field, cause: e });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ProtocolError(code, `${field} is not a JSON object`, { field });
  const data = value as Record<string, unknown>;
  for (const name of ['type', 'challenge', 'origin'] as const) {
    if (typeof data[name] !== 'string')
      throw new ProtocolError(code, `${field}.${name}: expected a string, got ${typeof data[name]}`, {
        field: `${field}.${name}`,
      });
  }
  if (data.crossOrigin !== undefined && typeof data.crossOrigin !== 'boolean')
    throw new ProtocolError(
      code,
      `${field}.crossOrigin: expected a boolean, got ${typeof data.crossOrigin}`,
      { field: `${field}.crossOrigin` },
    );
  if (data.crossOrigin === true || data.topOrigin !== undefined)
    throw new ProtocolError(
      code,
      `${field}.crossOrigin: the ceremony ran in a cross-origin frame (top origin ${JSON.stringify(data.topOrigin ?? 'unknown')}); only top-level wallet pages may run it`,
      {
        field: `${field}.crossOrigin`,
      },
    );
  return data as unknown as ClientData;
}
