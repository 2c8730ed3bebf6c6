import {
  type GrantedAddress,
  type GrantedProfile,
  type Profile,
  type ProfileField,
  ProtocolError,
  type StoredAddress,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { liveGrant, markUsed } from '../access/routes.ts';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { tokenIdParam } from '../tokens/params.ts';
import { addressIdParam } from './routes.ts';
import type { PersonalDataStore } from './store.ts';

function granted(address: StoredAddress): GrantedAddress {
  // The member's own label ("Home") is not part of what is shared.
  const { label: _label, ...shared } = address;
  return shared;
}

function grantedFields(profile: Profile, fields: readonly ProfileField[]): Profile {
  const out: Profile = {};
  for (const f of fields) if (profile[f] !== undefined) out[f] = profile[f];
  return out;
}

/**
 * Personal data through an access token (seed 000: "authorize a merchant to access her shipping
 * address"): the grantee of a live grant reads exactly the resources it names, as they are now,
 * and each read is recorded as the grant's last use. Revocation takes effect on the next read,
 * since every read checks the grant again.
 */
export function granteePersonalDataRoutes(deps: CloudDeps, store: PersonalDataStore): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  const readAddress = async (grantor: string, id: string): Promise<GrantedAddress> => {
    const found = await store.loadAddress(deps.db, grantor, id);
    if (found === 'deleted')
      throw new ProtocolError('NotFound', `address ${id} was deleted by its owner`, { field: 'addressId' });
    if (!found) throw new ProtocolError('NotFound', `address ${id} does not exist`, { field: 'addressId' });
    return granted(found);
  };

  app.get('/:tokenId/addresses', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    const ids = grant.payload.resources.flatMap((r) => (r.type === 'address' ? [r.addressId] : []));
    if (ids.length === 0)
      throw new ProtocolError('NotFound', 'this grant names no address', { field: 'resources' });
    await markUsed(deps, grant.row.token_id);
    const addresses: GrantedAddress[] = [];
    const deleted: string[] = [];
    for (const id of ids) {
      const found = await store.loadAddress(deps.db, grant.payload.from.memberId, id);
      if (found && found !== 'deleted') addresses.push(granted(found));
      else deleted.push(id);
    }
    return c.json({ addresses, deleted });
  });

  app.get('/:tokenId/addresses/:addressId', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    const id = addressIdParam(c.req.param('addressId'));
    if (!grant.payload.resources.some((r) => r.type === 'address' && r.addressId === id))
      throw new ProtocolError('NotFound', `address ${id} is not part of this grant`, { field: 'addressId' });
    await markUsed(deps, grant.row.token_id);
    return c.json(await readAddress(grant.payload.from.memberId, id));
  });

  app.get('/:tokenId/profile', signed(deps, { level: 'LOW' }), async (c) => {
    const grant = await liveGrant(deps, tokenIdParam(c.req.param('tokenId')), c.get('caller').memberId);
    const resource = grant.payload.resources.find((r) => r.type === 'profile');
    if (!resource)
      // `resources`, not `tokenId`: the grant is live, it just does not cover this.
      throw new ProtocolError('NotFound', 'this grant names no profile fields', { field: 'resources' });
    await markUsed(deps, grant.row.token_id);
    const profile = await store.loadProfile(deps.db, grant.payload.from.memberId);
    const body: GrantedProfile = {
      fields: resource.fields,
      profile: grantedFields(profile, resource.fields),
    };
    return c.json(body);
  });

  return app;
}
