import {
  type AccountLink,
  accountLinkSchema,
  assertSignedByMemberKey,
  base64url,
  fromBase64url,
  getSignatureBackend,
  ProtocolError,
  parseWith,
  utf8,
} from '@tokenos/protocol';
import { CloudClient } from '../client.ts';
import { fetchVerifiedMember, type Member } from '../member.ts';

/** How long after the bank signed it a link is still accepted: the consent page redirects at once. */
export const accountLinkMaxAgeMs = 15 * 60_000;
/** Clock skew tolerated between the bank and the verifier. */
const maxFutureMs = 2 * 60_000;

/** The `?link=` parameter a consent page redirects with: base64url of the link's JSON. */
export function encodeAccountLink(link: AccountLink): string {
  return base64url(utf8(JSON.stringify(link)));
}

/** Parses the `?link=` parameter (or an already decoded object) into an AccountLink; signature not checked. */
export function decodeAccountLink(input: unknown): AccountLink {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(input, 'link')));
    } catch (e) {
      throw new ProtocolError('Malformed', 'link: expected base64url of the AccountLink JSON', {
        field: 'link',
        cause: e,
      });
    }
  }
  return parseWith(accountLinkSchema, value, 'account link');
}

export interface VerifyAccountLinkOptions {
  /** Epoch milliseconds; default the client's clock. */
  now?: number;
  /** The member the wallet asked to link: a link for anyone else is refused. */
  memberId?: string;
  maxAgeMs?: number;
}

/**
 * Checks an account link the way the wallet must before trusting it: the schema (masked numbers
 * only), the bank's directory log replayed from its first operation, the signing key present,
 * current and at least STANDARD, the signature over the RFC 8785 bytes, and a fresh `createdAt`.
 * Returns the link; throws ProtocolError saying what failed.
 */
export async function verifyAccountLink(
  client: CloudClient,
  link: unknown,
  options: VerifyAccountLinkOptions = {},
): Promise<AccountLink> {
  const parsed = decodeAccountLink(link);
  const now = options.now ?? client.now();
  if (options.memberId !== undefined && parsed.memberId !== options.memberId)
    throw new ProtocolError(
      'Forbidden',
      `link is for member ${parsed.memberId}, expected ${options.memberId}`,
      { field: 'memberId' },
    );
  const maxAge = options.maxAgeMs ?? accountLinkMaxAgeMs;
  if (parsed.createdAt > now + maxFutureMs)
    throw new ProtocolError(
      'NotYetValid',
      `link createdAt ${parsed.createdAt} is in the future (now ${now})`,
      { field: 'createdAt' },
    );
  if (now - parsed.createdAt > maxAge)
    throw new ProtocolError(
      'Expired',
      `link was made ${Math.round((now - parsed.createdAt) / 1000)} s ago; accepted for ${maxAge / 1000} s`,
      { field: 'createdAt' },
    );

  const bank = await fetchVerifiedMember(client, parsed.bankId);
  // Valid both when the link was made and now: keys only ever expire, so the later of the two decides.
  await assertSignedByMemberKey({
    member: bank,
    signer: { memberId: parsed.bankId, keyId: parsed.signer.keyId },
    required: 'STANDARD',
    now: Math.max(now, parsed.createdAt),
    field: 'signer.keyId',
    signed: parsed,
    backend: getSignatureBackend(),
    signatureField: 'signature',
  });
  return parsed;
}

/**
 * Completes a link at the bank: a request signed with the member's own STANDARD key proves to the
 * bank that the member named in the link holds its keys. Until then the bank keeps the link
 * pending, so a consent page opened with someone else's member id links nothing.
 */
export async function finishAccountLink(args: {
  bankUrl: string;
  link: AccountLink;
  member: Member;
  fetch?: typeof fetch;
}): Promise<{ status: 'active'; bankId: string; memberId: string; accounts: AccountLink['accounts'] }> {
  if (args.link.memberId !== args.member.id)
    throw new ProtocolError('Forbidden', `link is for member ${args.link.memberId}, not ${args.member.id}`, {
      field: 'memberId',
    });
  const bank = new CloudClient({
    baseUrl: args.bankUrl,
    now: args.member.client.now,
    // The bank keeps no Idempotency-Key answers: a lost answer is not retried blindly.
    networkRetries: 0,
    ...(args.fetch ? { fetch: args.fetch } : {}),
  });
  return bank.send(
    'POST',
    '/connector/v1/links/finish',
    { link: args.link },
    await args.member.signerFor('STANDARD'),
  );
}
