// What the new device's QR code holds: the short code and the fingerprint of its public keys
// (pairingFingerprint), so the device that scans it notices a QR code swapped for someone else's.
// A QR code comes from outside: it is parsed, never trusted.

const prefix = 'TOKENWALLET-PAIR';

export interface PairingQr {
  code: string;
  fingerprint: string;
}

export function pairingQrText(p: PairingQr): string {
  return `${prefix}:${p.code}:${p.fingerprint}`;
}

export function parsePairingQr(text: string): PairingQr | undefined {
  const m = /^TOKENWALLET-PAIR:([346789ABCDEFGHJKMNPQRTUVWXY]{8}):([A-Za-z0-9_-]{16})$/.exec(text.trim());
  return m?.[1] && m[2] ? { code: m[1], fingerprint: m[2] } : undefined;
}

/** "ABCD EFGH": two groups of four are easier to read out and to type. */
export function spacedCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

/** What a person typed, as the cloud expects it: upper case, no spaces or dashes. */
export function typedCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '');
}

/** A name for this device the person can change: the browser and the system, from the user agent. */
export function deviceParts(userAgent: string): { browser: string; system: string } {
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return { browser, system };
}
