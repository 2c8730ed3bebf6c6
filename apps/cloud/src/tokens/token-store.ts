import type { Db } from '@tokenos/db';
import {
  type BankEndorsement,
  type Cancellation,
  type Endorsement,
  emptyUsage,
  type TokenPayload,
  type UsageJson,
  usageToJson,
} from '@tokenos/protocol';

export type StoredStatus =
  | 'received'
  | 'valid'
  | 'rejected'
  | 'revokedByPsu'
  | 'terminatedByTpp'
  | 'replaced';
export type TokenStatus = StoredStatus | 'expired';

export interface TokenRow {
  token_id: string;
  kind: 'transfer' | 'access';
  payload: TokenPayload;
  issuer: string;
  payer: string;
  payee: string;
  redeemer: string;
  status: StoredStatus;
  effective_at: Date;
  expires_at: Date;
  endorse_until: Date | null;
  endorsement: Endorsement | null;
  bank_endorsement: BankEndorsement | null;
  cancellation: Cancellation | null;
  sca: string | null;
  usage: UsageJson;
  replaced_by: string | null;
  replaces: string | null;
  request_id: string | null;
  created_at: Date;
  updated_at: Date;
  last_used_at: Date | null;
}

/** A token as the API shows it: `expired` is derived from the clock, so no job has to flip it. */
export interface TokenView {
  id: string;
  kind: 'transfer' | 'access';
  payload: TokenPayload;
  status: TokenStatus;
  endorsement: Endorsement | null;
  bankEndorsement: BankEndorsement | null;
  cancellation: Cancellation | null;
  sca: string | null;
  usage: UsageJson;
  replacedBy: string | null;
  replaces: string | null;
  requestId: string | null;
  createdAt: string;
  updatedAt: string;
  lastUsedAt: string | null;
}

export function liveStatus(row: Pick<TokenRow, 'status' | 'expires_at'>, now: number): TokenStatus {
  if ((row.status === 'valid' || row.status === 'received') && now >= row.expires_at.getTime())
    return 'expired';
  return row.status;
}

export function toView(row: TokenRow, now: number): TokenView {
  return {
    id: row.token_id,
    kind: row.kind,
    payload: row.payload,
    status: liveStatus(row, now),
    endorsement: row.endorsement,
    bankEndorsement: row.bank_endorsement,
    cancellation: row.cancellation,
    sca: row.sca,
    usage: row.usage,
    replacedBy: row.replaced_by,
    replaces: row.replaces,
    requestId: row.request_id,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

export async function loadToken(
  db: Db,
  tokenId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TokenRow | undefined> {
  return db.maybeOne<TokenRow>(
    `select * from tokens where token_id = $1${opts.forUpdate ? ' for update' : ''}`,
    [tokenId],
  );
}

/** Inserts a new token and returns its row; undefined when a token with this id (the same payload) exists already. */
export async function insertToken(
  db: Db,
  tokenId: string,
  payload: TokenPayload,
  extra: { replaces?: string } = {},
): Promise<TokenRow | undefined> {
  const kind = payload.type === 'TransferToken' ? 'transfer' : 'access';
  const redeemer = payload.type === 'TransferToken' ? payload.redeemer : payload.to.memberId;
  const endorseUntil =
    payload.type === 'TransferToken' && payload.endorseUntil !== undefined
      ? new Date(payload.endorseUntil)
      : null;
  return db.maybeOne<TokenRow>(
    `insert into tokens (token_id, kind, payload, issuer, payer, payee, redeemer, status, effective_at, expires_at, endorse_until, usage, request_id, replaces)
     values ($1, $2, $3::jsonb, $4, $5, $6, $7, 'received', $8, $9, $10, $11::jsonb, $12, $13)
     on conflict (token_id) do nothing returning *`,
    [
      tokenId,
      kind,
      JSON.stringify(payload),
      payload.issuer,
      payload.from.memberId,
      payload.to.memberId,
      redeemer,
      new Date(payload.effectiveAt),
      new Date(payload.expiresAt),
      endorseUntil,
      JSON.stringify(usageToJson(emptyUsage())),
      payload.requestId ?? null,
      extra.replaces ?? null,
    ],
  );
}

export async function listTokens(
  db: Db,
  memberId: string,
  opts: { role: 'payer' | 'payee' | 'any'; kind?: 'transfer' | 'access'; limit: number; before?: Date },
): Promise<TokenRow[]> {
  const where: string[] = [];
  const params: unknown[] = [memberId];
  where.push(
    opts.role === 'payer'
      ? 'payer = $1'
      : opts.role === 'payee'
        ? 'payee = $1'
        : '(payer = $1 or payee = $1)',
  );
  if (opts.kind) {
    params.push(opts.kind);
    where.push(`kind = $${params.length}`);
  }
  if (opts.before) {
    params.push(opts.before);
    where.push(`created_at < $${params.length}`);
  }
  params.push(opts.limit);
  return db.query<TokenRow>(
    `select * from tokens where ${where.join(' and ')} order by created_at desc limit $${params.length}`,
    params,
  );
}
