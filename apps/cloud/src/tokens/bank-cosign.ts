import {
  assertSignedByMemberKey,
  type BankEndorsement,
  bankEndorsementSchema,
  type Endorsement,
  objectId,
  ProtocolError,
  parseWith,
  type TransferTokenPayload,
} from '@tokenos/protocol';
import { BankUnavailableError } from '../banks/connector.ts';
import type { CloudDeps } from '../deps.ts';
import { loadMember } from '../members/member-store.ts';
import { loadToken, type TokenRow } from './token-store.ts';

/**
 * Asks the payer's bank to verify the endorsement and co-sign (ARCHITECTURE.md, "Endorsement"), then
 * checks the bank's answer as strictly as anything else that arrives: the right bank, a current
 * STANDARD key of its directory entry, a valid signature over this token and this endorsement.
 */
export async function obtainBankEndorsement(
  deps: CloudDeps,
  args: { tokenId: string; payload: TransferTokenPayload; endorsement: Endorsement },
): Promise<BankEndorsement> {
  const bankId = args.payload.transfer.source.bankId;
  const connector = deps.banks.connectorFor(bankId);
  if (!connector)
    throw new ProtocolError('NotFound', `no connection to bank ${bankId}`, {
      field: 'transfer.source.bankId',
    });
  let raw: unknown;
  try {
    raw = await connector.cosign(args);
  } catch (e) {
    if (e instanceof ProtocolError || e instanceof BankUnavailableError) throw e;
    throw new BankUnavailableError(bankId, e);
  }
  const cosig = parseWith(bankEndorsementSchema, raw, 'bank endorsement');
  if (
    cosig.tokenId !== args.tokenId ||
    cosig.endorsement !== objectId(args.endorsement) ||
    cosig.signer.memberId !== bankId
  )
    throw new ProtocolError(
      'InvalidSignature',
      'the bank co-signed something else than this token and endorsement',
      { field: 'bankEndorsement' },
    );
  const bank = await loadMember(deps.db, bankId);
  if (!bank)
    throw new ProtocolError('UnknownKey', `no bank ${bankId} in the directory`, {
      field: 'bankEndorsement.signer',
    });
  await assertSignedByMemberKey({
    member: bank,
    signer: cosig.signer,
    required: 'STANDARD',
    now: deps.now(),
    field: 'bankEndorsement.signer',
    signed: cosig,
    backend: deps.backend,
    signatureField: 'bankEndorsement.signature',
  });
  return cosig;
}

/**
 * The bank's step for an endorsed transfer token, outside any database transaction (a network
 * call must not hold row locks): on the co-signature the token becomes valid; a refusal marks it
 * rejected; an unreachable bank throws BankUnavailableError and leaves it endorsed, awaiting the
 * co-signature. The conditional updates keep a cancellation that came meanwhile.
 */
export async function cosignTransferToken(deps: CloudDeps, row: TokenRow): Promise<TokenRow> {
  if (row.payload.type !== 'TransferToken' || !row.endorsement || row.bank_endorsement) return row;
  try {
    const cosig = await obtainBankEndorsement(deps, {
      tokenId: row.token_id,
      payload: row.payload,
      endorsement: row.endorsement,
    });
    const updated = await deps.db.maybeOne<TokenRow>(
      "update tokens set bank_endorsement = $2::jsonb, status = 'valid', updated_at = now() where token_id = $1 and status = 'received' returning *",
      [row.token_id, JSON.stringify(cosig)],
    );
    return updated ?? (await loadToken(deps.db, row.token_id))!;
  } catch (e) {
    if (e instanceof ProtocolError)
      await deps.db.query(
        "update tokens set status = 'rejected', updated_at = now() where token_id = $1 and status = 'received'",
        [row.token_id],
      );
    throw e;
  }
}
