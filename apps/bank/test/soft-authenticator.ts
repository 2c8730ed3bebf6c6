import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import {
  base64url,
  concatBytes,
  fromBase64url,
  type PasskeyAssertion,
  type PasskeyEntry,
  type SpcPaymentData,
  sha256,
  utf8,
} from '@tokenos/protocol';

// A software WebAuthn authenticator (W3C WebAuthn L3 §6) producing the bytes a platform
// authenticator would for an ES256 credential, so the bank's own assertion check runs on real input.

type Cbor = number | Uint8Array | Map<Cbor, Cbor>;

function head(major: number, n: number): Uint8Array {
  if (n < 24) return Uint8Array.of((major << 5) | n);
  if (n < 0x100) return Uint8Array.of((major << 5) | 24, n);
  return Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
}

/** RFC 8949 §3.1, the subset a COSE_Key needs: small integers, byte strings, maps. */
function cbor(v: Cbor): Uint8Array {
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (v instanceof Uint8Array) return concatBytes(head(2, v.length), v);
  const parts = [head(5, v.size)];
  for (const [k, x] of v) parts.push(cbor(k), cbor(x));
  return concatBytes(...parts);
}

export interface AssertionOptions {
  origin?: string;
  rpId?: string;
  userVerified?: boolean;
  crossOrigin?: boolean;
  /** Report this signCount instead of the next one (a replay or a clone). */
  counter?: number;
  /** Assert as Secure Payment Confirmation does: type "payment.get" with this record of what was shown. */
  payment?: SpcPaymentData;
}

export class SoftPasskey {
  readonly credentialId: string;
  readonly entry: PasskeyEntry;
  readonly #key: KeyObject;
  readonly #origin: string;
  readonly #rpId: string;
  readonly #userHandle: string;
  #counter = 0;

  constructor(args: { memberId: string; origin?: string; rpId?: string; createdAt: number }) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.#key = createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
    const jwk = publicKey.export({ format: 'jwk' });
    // RFC 9053 §7.1.1 EC2 key: kty 2, alg -7 (ES256), crv 1 (P-256), x, y.
    const cose = cbor(
      new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, fromBase64url(jwk.x!)],
        [-3, fromBase64url(jwk.y!)],
      ]),
    );
    this.credentialId = base64url(crypto.getRandomValues(new Uint8Array(16)));
    this.#origin = args.origin ?? 'http://localhost:5173';
    this.#rpId = args.rpId ?? 'localhost';
    this.#userHandle = args.memberId;
    this.entry = {
      credentialId: this.credentialId,
      publicKey: base64url(cose),
      coseAlgorithm: -7,
      rpId: this.#rpId,
      createdAt: args.createdAt,
    };
  }

  /** navigator.credentials.get(): signs authenticatorData || SHA-256(clientDataJSON) (§6.3.3), DER-encoded. */
  assert(challenge: Uint8Array, o: AssertionOptions = {}): PasskeyAssertion {
    const counter = o.counter ?? ++this.#counter;
    // An authenticator's count only goes up: a forced value also moves the real one past it.
    this.#counter = Math.max(this.#counter, counter);
    const flags = 0x01 | ((o.userVerified ?? true) ? 0x04 : 0);
    const authData = concatBytes(
      sha256(utf8(o.rpId ?? this.#rpId)),
      Uint8Array.of(flags),
      Uint8Array.of(counter >>> 24, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff),
    );
    const clientData = utf8(
      JSON.stringify({
        type: o.payment ? 'payment.get' : 'webauthn.get',
        challenge: base64url(challenge),
        origin: o.origin ?? this.#origin,
        crossOrigin: o.crossOrigin ?? false,
        ...(o.payment ? { payment: o.payment } : {}),
      }),
    );
    const signature = sign('sha256', concatBytes(authData, sha256(clientData)), this.#key);
    return {
      credentialId: this.credentialId,
      authenticatorData: base64url(authData),
      clientDataJSON: base64url(clientData),
      signature: base64url(new Uint8Array(signature)),
      userHandle: this.#userHandle,
    };
  }
}
