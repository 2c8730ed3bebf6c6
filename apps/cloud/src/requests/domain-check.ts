import type { Db } from '@tokenos/db';
import { aliasValueSchema } from '@tokenos/protocol';
import { findAlias, liveOwner } from '../aliases/alias-store.ts';
import { aliasKeysFor, aliasLookupHash } from '../aliases/pepper.ts';
import type { CloudDeps } from '../deps.ts';

/** Is `domain` a verified DOMAIN alias that still belongs to `memberId`? `db`: the caller's transaction, if any. */
export async function isVerifiedDomain(
  deps: CloudDeps,
  memberId: string,
  domain: string,
  db: Db = deps.db,
): Promise<boolean> {
  const alias = aliasValueSchema.safeParse({ type: 'DOMAIN', value: domain.toLowerCase() });
  if (!alias.success) return false;
  const row = await findAlias(db, aliasLookupHash(await aliasKeysFor(deps), alias.data));
  return row !== undefined && (await liveOwner(db, row)) === memberId;
}
