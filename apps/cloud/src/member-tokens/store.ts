import type { Db } from '@tokenos/db';
import type {
  AccountRef,
  EntitlementAttestation,
  MemberTokenEntityType,
  MemberTokenLimitations,
  MetadataEntry,
  UsageJson,
} from '@tokenos/protocol';

export interface MemberTokenRow {
  id: string;
  parent_id: string | null;
  root_id: string;
  depth: number;
  owner_id: string;
  holder_id: string;
  merchant_of_record: string;
  /** Null only for a loyalty-only root created with a custodial member: no payment authority. */
  backing_token_id: string | null;
  entity_type: MemberTokenEntityType;
  loyalty: boolean;
  limitations: MemberTokenLimitations;
  entitlements: EntitlementAttestation[];
  metadata: MetadataEntry[];
  destination: AccountRef | null;
  usage: UsageJson;
  status: 'active' | 'cancelled';
  cancelled_by: string | null;
  cancelled_at: Date | null;
  created_at: Date;
}

export interface ChargeRow {
  charge_id: string;
  member_token_id: string;
  ref_id: string;
  levels: string[];
  transfer_id: string;
  charged_by: string;
  amount: bigint;
  currency: string;
  location: { country?: string; lat?: number; lon?: number } | null;
  created_at: Date;
}

export async function loadMemberToken(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<MemberTokenRow | undefined> {
  return db.maybeOne<MemberTokenRow>(
    `select * from member_tokens where id = $1${opts.forUpdate ? ' for update' : ''}`,
    [id],
  );
}

/** Ids of a token and its ancestors, root first. */
export async function chainIds(db: Db, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `with recursive up as (
       select id, parent_id, depth from member_tokens where id = $1
       union all
       select m.id, m.parent_id, m.depth from member_tokens m join up on m.id = up.parent_id
     ) select id from up order by depth`,
    [id],
  );
  return rows.map((r) => r.id);
}

/**
 * The token and its ancestors, root first. With `forUpdate`, each row is locked in that order, so
 * every transaction that locks a chain locks it root first and two never wait on each other in a
 * circle (charges, cancellations, usage recomputation all go through here).
 */
export async function loadChain(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<MemberTokenRow[]> {
  const chain: MemberTokenRow[] = [];
  for (const levelId of await chainIds(db, id)) {
    const row = await loadMemberToken(db, levelId, opts);
    if (row) chain.push(row);
  }
  return chain;
}

/** Ids of every descendant of a token (not the token itself), shallowest first. */
export async function descendantIds(db: Db, id: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `with recursive down as (
       select id, depth from member_tokens where parent_id = $1
       union all
       select m.id, m.depth from member_tokens m join down on m.parent_id = down.id
     ) select id from down order by depth, id`,
    [id],
  );
  return rows.map((r) => r.id);
}

export async function insertMemberToken(
  db: Db,
  row: Omit<MemberTokenRow, 'cancelled_by' | 'cancelled_at'>,
): Promise<MemberTokenRow> {
  return db.one<MemberTokenRow>(
    `insert into member_tokens (id, parent_id, root_id, depth, owner_id, holder_id, merchant_of_record, backing_token_id,
       entity_type, loyalty, limitations, entitlements, metadata, destination, usage, status, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17)
     returning *`,
    [
      row.id,
      row.parent_id,
      row.root_id,
      row.depth,
      row.owner_id,
      row.holder_id,
      row.merchant_of_record,
      row.backing_token_id,
      row.entity_type,
      row.loyalty,
      JSON.stringify(row.limitations),
      JSON.stringify(row.entitlements),
      JSON.stringify(row.metadata),
      row.destination === null ? null : JSON.stringify(row.destination),
      JSON.stringify(row.usage),
      row.status,
      row.created_at,
    ],
  );
}

export async function findCharge(
  db: Db,
  memberTokenId: string,
  refId: string,
): Promise<ChargeRow | undefined> {
  return db.maybeOne<ChargeRow>(
    'select * from member_token_charges where member_token_id = $1 and ref_id = $2',
    [memberTokenId, refId],
  );
}
