import {
  assertSignedByMemberKey,
  type Endorsement,
  endorsementScaChallenge,
  endorsementSchema,
  getSignatureBackend,
  type MemberState,
  type PasskeyAssertion,
  ProtocolError,
  parseAmount,
  parseWith,
  requiredEndorsementLevel,
  type ScaEvidence,
  type TransferTokenPayload,
  tokenId as tokenIdOf,
  transferTokenPayloadSchema,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import type { CloudClient } from '../client.ts';

export interface VerifyTransferEndorsementOptions {
  /** Reads the payer's directory log; the bank trusts none of the cloud's conclusions, only signatures. */
  client: CloudClient;
  /**
   * The payer's directory state, from the bank's own replay of the log. Given, it replaces the replay
   * here (GET the log from `client`, verifyDirectoryLog): a bank whose client already replays every
   * log it reads, against the head it saw before and with its pinned claim authorities, would
   * otherwise replay each log twice.
   */
  verifiedMember?: (memberId: string) => Promise<MemberState>;
  tokenId: string;
  payload: unknown;
  endorsement: unknown;
  now: number;
  /**
   * The bank's own SCA policy: given the payload and the exemption the endorsement claims, must it
   * carry a passkey assertion instead? For 'Refund' the bank checks its own records: the original
   * token (`transfer.refundOf`) credited the refund's source account, and its refunds stay within it.
   */
  scaRequired: (payload: TransferTokenPayload, exemption: ScaExemption) => boolean | Promise<boolean>;
  /** The bank's own WebAuthn verification of an assertion against a credential in the payer's directory. */
  verifyPasskey: (args: {
    payer: MemberState;
    assertion: PasskeyAssertion;
    challenge: Uint8Array;
    /** The token being approved: a Secure Payment Confirmation assertion must have shown its amount. */
    payload: TransferTokenPayload;
  }) => Promise<void>;
}

/** A named SCA exemption an endorsement may claim. */
export type ScaExemption = Extract<ScaEvidence, { method: 'exemption' }>['exemption'];

export interface VerifiedTransferEndorsement {
  payload: TransferTokenPayload;
  endorsement: Endorsement;
  payer: MemberState;
}

/**
 * What a payer's bank checks before it co-signs or executes (seed 000: banks "control and verify
 * every transaction, and therefore do not need to trust cloud providers"): the token id is the
 * hash of the payload it was given, the payer's directory log replays from its first operation,
 * the endorsing key is in it, current and strong enough, the signature holds, and SCA satisfies
 * the bank's own policy, with the passkey assertion bound to this token id.
 */
export async function verifyTransferEndorsement(
  opts: VerifyTransferEndorsementOptions,
): Promise<VerifiedTransferEndorsement> {
  const payload = parseWith(transferTokenPayloadSchema, opts.payload, 'transfer token');
  if (tokenIdOf(payload) !== opts.tokenId)
    throw new ProtocolError(
      'Malformed',
      `token id ${opts.tokenId} is not the hash of the payload (${tokenIdOf(payload)})`,
      { field: 'tokenId' },
    );
  const endorsement = parseWith(endorsementSchema, opts.endorsement, 'endorsement');
  if (endorsement.tokenId !== opts.tokenId)
    throw new ProtocolError('Malformed', `endorsement is for ${endorsement.tokenId}, not ${opts.tokenId}`, {
      field: 'endorsement.tokenId',
    });
  const payerId = payload.from.memberId;
  if (endorsement.signer.memberId !== payerId)
    throw new ProtocolError(
      'Forbidden',
      `endorsement signed by ${endorsement.signer.memberId}, the payer is ${payerId}`,
      { field: 'endorsement.signer' },
    );

  const payer = opts.verifiedMember
    ? await opts.verifiedMember(payerId)
    : await verifyDirectoryLog(
        (await opts.client.get<{ operations: unknown[] }>(`/api/v1/members/${payerId}/log`)).operations,
        getSignatureBackend(),
        { memberId: payerId },
      );
  if (payer.memberId !== payerId)
    throw new ProtocolError(
      'BrokenChain',
      `the directory state is of ${payer.memberId}, not the payer ${payerId}`,
    );
  const amount = parseAmount(payload.transfer.amount.value, payload.transfer.amount.currency);
  const level = requiredEndorsementLevel({
    kind: 'transfer',
    amount,
    currency: payload.transfer.amount.currency,
  });
  await assertSignedByMemberKey({
    member: payer,
    signer: endorsement.signer,
    required: level,
    now: opts.now,
    field: 'endorsement.signer.keyId',
    signed: endorsement,
    backend: getSignatureBackend(),
    signatureField: 'endorsement.signature',
  });

  if (endorsement.sca.method === 'passkey') {
    await opts.verifyPasskey({
      payer,
      assertion: endorsement.sca.assertion,
      challenge: endorsementScaChallenge(endorsement),
      payload,
    });
  } else {
    const { exemption } = endorsement.sca;
    // A refund goes with a passkey or the Refund exemption; Refund is for refunds only (sca-policy.ts).
    if ((exemption === 'Refund') !== (payload.transfer.refundOf !== undefined))
      throw new ProtocolError(
        'Malformed',
        exemption === 'Refund'
          ? 'the Refund exemption is for a transfer token with transfer.refundOf'
          : `a refund is endorsed with a passkey or the Refund exemption, not ${exemption}`,
        { field: 'endorsement.sca.exemption' },
      );
    if (await opts.scaRequired(payload, exemption))
      throw new ProtocolError(
        'ScaRequired',
        'the bank requires strong customer authentication for this payment',
        { field: 'endorsement.sca' },
      );
  }
  return { payload, endorsement, payer };
}
