import { p256 } from '@noble/curves/nist.js';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { base64url, concatBytes, type SpcPaymentData, sha256, utf8 } from '@tokenos/protocol';

// A software WebAuthn authenticator plus the client (browser) part of the ceremonies, producing the
// real bytes a platform authenticator would (W3C WebAuthn L3 §6), ES256 only, attestation "none".
// The CBOR encoder is our own, not the verifier's, so a decoder bug can't cancel an encoder bug.

type Cbor = number | string | Uint8Array | Map<Cbor, Cbor>;

/** RFC 8949 §3.1 initial byte and argument. */
function cborHead(major: number, n: number): Uint8Array {
  if (n < 24) return Uint8Array.of((major << 5) | n);
  if (n < 0x100) return Uint8Array.of((major << 5) | 24, n);
  if (n < 0x10000) return Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
  return Uint8Array.of((major << 5) | 26, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

/** RFC 8949 §3.1 major types 0, 1, 2, 3 and 5: all that an attestation object and a COSE key need. */
export function cbor(value: Cbor): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) > 0xffffffff)
      throw new RangeError(`cbor: ${value} is not a 32-bit integer`);
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = utf8(value);
    return concatBytes(cborHead(3, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concatBytes(cborHead(2, value.length), value);
  const parts = [cborHead(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return concatBytes(...parts);
}

/** Authenticator data flags (§6.1). */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

/** Ways to make a ceremony's output wrong, one per attack or mistake a test wants refused. */
export interface CeremonyOptions {
  /** UV flag (§6.1); default true. */
  userVerified?: boolean;
  /** UP flag; default true. */
  userPresent?: boolean;
  /** clientDataJSON.origin; default the authenticator's origin. */
  origin?: string;
  /** The RP ID hashed into authenticatorData; default the ceremony's. */
  rpId?: string;
  /** clientDataJSON.crossOrigin; default false. */
  crossOrigin?: boolean;
  /** The signCount to report instead of the next one (a clone or a replay); leaves the stored count alone. */
  counter?: number;
  /**
   * Make the assertion as Secure Payment Confirmation does (SPC §4.1.3): clientDataJSON.type
   * "payment.get", with this record of what the browser showed as `payment`.
   */
  payment?: SpcPaymentData;
}

interface SoftCredential {
  secretKey: Uint8Array;
  rpId: string;
  userHandle: string;
  counter: number;
}

export class SoftAuthenticator {
  readonly origin: string;
  readonly #credentials = new Map<string, SoftCredential>();

  /** `origin`: the page the ceremonies run on, e.g. the wallet's. */
  constructor(origin: string) {
    this.origin = origin;
  }

  /** The last signCount this authenticator reported for `credentialId`. */
  counter(credentialId: string): number {
    return this.#credential(credentialId).counter;
  }

  #credential(credentialId: string): SoftCredential {
    const credential = this.#credentials.get(credentialId);
    if (!credential) throw new Error(`soft authenticator holds no credential ${credentialId}`);
    return credential;
  }

  #clientData(type: 'webauthn.create' | 'webauthn.get', challenge: string, o: CeremonyOptions): Uint8Array {
    // §5.8.1.1: type, challenge, origin, crossOrigin, in this order; SPC §4.1.3 adds `payment`.
    const spc = type === 'webauthn.get' && o.payment !== undefined;
    return utf8(
      JSON.stringify({
        type: spc ? 'payment.get' : type,
        challenge,
        origin: o.origin ?? this.origin,
        crossOrigin: o.crossOrigin ?? false,
        ...(spc ? { payment: o.payment } : {}),
      }),
    );
  }

  #flags(o: CeremonyOptions): number {
    return ((o.userPresent ?? true) ? UP : 0) | ((o.userVerified ?? true) ? UV : 0);
  }

  /** navigator.credentials.create() with this authenticator (§5.1.3, §6.3.2 authenticatorMakeCredential). */
  async create(
    options: PublicKeyCredentialCreationOptionsJSON,
    o: CeremonyOptions = {},
  ): Promise<RegistrationResponseJSON> {
    if (!options.pubKeyCredParams.some((p) => p.alg === -7))
      throw new Error('NotSupportedError: the RP does not accept ES256');
    // §6.3.2 step 3: a credential of this authenticator in excludeCredentials stops the ceremony.
    if (options.excludeCredentials?.some((c) => this.#credentials.has(c.id)))
      throw new Error('InvalidStateError: a credential in excludeCredentials is already here');
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const secretKey = p256.utils.randomSecretKey();
    const credentialId = crypto.getRandomValues(new Uint8Array(16));
    const id = base64url(credentialId);
    const point = p256.getPublicKey(secretKey, false);
    // RFC 9053 §7.1.1 EC2 key: kty 2, alg -7 (ES256), crv 1 (P-256), x, y.
    const coseKey = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, point.slice(1, 33)],
        [-3, point.slice(33, 65)],
      ]),
    );
    // §6.5.1 attested credential data: AAGUID (zero for "none"), credential id length and id, COSE key.
    const attested = concatBytes(
      new Uint8Array(16),
      Uint8Array.of(credentialId.length >> 8, credentialId.length & 0xff),
      credentialId,
      coseKey,
    );
    const authData = authenticatorData(o.rpId ?? rpId, this.#flags(o) | AT, o.counter ?? 0, attested);
    // §8.7 "none" attestation: empty attStmt.
    const attestationObject = cbor(
      new Map<Cbor, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    this.#credentials.set(id, { secretKey, rpId, userHandle: options.user.id, counter: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: base64url(this.#clientData('webauthn.create', options.challenge, o)),
        attestationObject: base64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: { credProps: { rk: true } },
    };
  }

  /**
   * navigator.credentials.get() (§5.1.4, §6.3.3 authenticatorGetAssertion): signs
   * authenticatorData || SHA-256(clientDataJSON) with ECDSA P-256, DER-encoded (§6.5.5).
   * `challenge`: the bytes the RP asked to sign.
   */
  async get(
    args: { credentialId: string; challenge: Uint8Array },
    o: CeremonyOptions = {},
  ): Promise<AuthenticationResponseJSON> {
    const credential = this.#credential(args.credentialId);
    let counter = o.counter;
    if (counter === undefined) {
      credential.counter += 1;
      counter = credential.counter;
    }
    const authData = authenticatorData(o.rpId ?? credential.rpId, this.#flags(o), counter);
    const clientDataJSON = this.#clientData('webauthn.get', base64url(args.challenge), o);
    const signature = p256.sign(concatBytes(authData, sha256(clientDataJSON)), credential.secretKey, {
      prehash: true,
      format: 'der',
    });
    return {
      id: args.credentialId,
      rawId: args.credentialId,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      response: {
        clientDataJSON: base64url(clientDataJSON),
        authenticatorData: base64url(authData),
        signature: base64url(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}

/** §6.1: rpIdHash (32) || flags (1) || signCount (4, big-endian) || attested credential data. */
function authenticatorData(
  rpId: string,
  flags: number,
  counter: number,
  attested: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const count = Uint8Array.of(
    counter >>> 24,
    (counter >>> 16) & 0xff,
    (counter >>> 8) & 0xff,
    counter & 0xff,
  );
  return concatBytes(sha256(utf8(rpId)), Uint8Array.of(flags), count, attested);
}
