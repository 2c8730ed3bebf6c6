import {
  type EntitlementAttestation,
  formatAmount,
  type MemberTokenEntityType,
  type MemberTokenLimitations,
  type MetadataEntry,
  type Money,
  usageFromJson,
  verifyEntitlementAttestation,
} from '@tokenos/protocol';
import { loadMember } from '../members/member-store.ts';
import { liveStatus, loadToken } from '../tokens/token-store.ts';
import type { MemberTokenContext } from './context.ts';
import { type IssuedFormats, issueFormats } from './formats.ts';
import type { MemberTokenRow } from './store.ts';

/**
 * - active: usable; pending: the bank has not co-signed the backing authorization yet;
 * - cancelled: by the member, the holder or an ancestor's holder (or the backing token was);
 * - expired: the subscription ended; rejected: the bank refused to co-sign.
 */
export type MemberTokenStatus = 'active' | 'pending' | 'cancelled' | 'expired' | 'rejected';

export interface EntitlementView {
  type: string;
  value: string;
  attestedBy: string;
  /** Whether the attestation verifies now under a current key of the attester's directory entry. */
  verified: boolean;
}

export interface MemberTokenView extends IssuedFormats {
  oin: string;
  status: MemberTokenStatus;
  entityType: MemberTokenEntityType;
  loyalty: boolean;
  /** Seed 001 loyalty flag: the token doubles as a loyalty id, and this is it. */
  loyaltyId: string | null;
  limitations: MemberTokenLimitations;
  entitlements: EntitlementView[];
  metadata: MetadataEntry[];
  holder: string;
  /** Whom every charge in this token's tree pays (the payee of the backing authorization). */
  merchantOfRecord: string;
  parentTokenId: string | null;
  depth: number;
  usage: { count: number; total: Money };
  createdAt: string;
  cancelledAt: string | null;
  /** Only for the parties of the backing transfer token: the member and the merchant of record. */
  backingTokenId?: string;
  /** Only for the member: the signed attestations, which name the member (verifiable by anyone). */
  attestations?: EntitlementAttestation[];
}

export async function memberTokenStatus(
  ctx: MemberTokenContext,
  chain: readonly MemberTokenRow[],
  now: number,
): Promise<MemberTokenStatus> {
  if (chain.some((r) => r.status === 'cancelled')) return 'cancelled';
  const leaf = chain[chain.length - 1]!;
  // A loyalty-only token (no backing authorization) lives by its own status and subscription.
  const backing = leaf.backing_token_id === null ? null : await loadToken(ctx.deps.db, leaf.backing_token_id);
  const live = leaf.backing_token_id === null ? 'valid' : backing ? liveStatus(backing, now) : 'rejected';
  if (live === 'revokedByPsu' || live === 'terminatedByTpp' || live === 'replaced') return 'cancelled';
  if (live === 'rejected') return 'rejected';
  if (
    live === 'expired' ||
    chain.some((r) => r.limitations.expiresAt !== undefined && now >= r.limitations.expiresAt)
  )
    return 'expired';
  return live === 'received' ? 'pending' : 'active';
}

async function entitlementViews(
  ctx: MemberTokenContext,
  row: MemberTokenRow,
  now: number,
): Promise<EntitlementView[]> {
  const views: EntitlementView[] = [];
  for (const e of row.entitlements) {
    const attester = await loadMember(ctx.deps.db, e.signer.memberId);
    views.push({
      type: e.entitlement.type,
      value: e.entitlement.value,
      attestedBy: e.signer.memberId,
      verified: await verifyEntitlementAttestation(e, attester, now, ctx.deps.backend),
    });
  }
  return views;
}

/** A token as `viewer` may see it; call outside any database transaction. */
export async function memberTokenView(
  ctx: MemberTokenContext,
  chain: readonly MemberTokenRow[],
  viewer: string,
): Promise<MemberTokenView> {
  const row = chain[chain.length - 1]!;
  const now = ctx.deps.now();
  const formats = await issueFormats(ctx, row);
  const usage = usageFromJson(row.usage);
  const parent = chain[chain.length - 2];
  const view: MemberTokenView = {
    ...formats,
    oin: ctx.oin,
    status: await memberTokenStatus(ctx, chain, now),
    entityType: row.entity_type,
    loyalty: row.loyalty,
    loyaltyId: row.loyalty ? formats.tokenId : null,
    limitations: row.limitations,
    entitlements: await entitlementViews(ctx, row, now),
    metadata: row.metadata,
    holder: row.holder_id,
    merchantOfRecord: row.merchant_of_record,
    parentTokenId: parent ? await ctx.publicId(parent.id) : null,
    depth: row.depth,
    usage: {
      count: usage.count,
      total: {
        value: formatAmount(usage.total, row.limitations.currency),
        currency: row.limitations.currency,
      },
    },
    createdAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
  if ((viewer === row.owner_id || viewer === row.merchant_of_record) && row.backing_token_id !== null)
    view.backingTokenId = row.backing_token_id;
  if (viewer === row.owner_id) view.attestations = row.entitlements;
  return view;
}

/** Who may see a token: the member it stands for, its holder, and the holders of its ancestors. */
export function maySee(chain: readonly MemberTokenRow[], memberId: string): boolean {
  const leaf = chain[chain.length - 1];
  return leaf !== undefined && (leaf.owner_id === memberId || chain.some((r) => r.holder_id === memberId));
}
