import {
  addressIdSchema,
  base64url,
  ProtocolError,
  parseWith,
  postalAddressSchema,
  profileSchema,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { maxAddresses, type PersonalDataStore } from './store.ts';

export function addressIdParam(value: string): string {
  if (!addressIdSchema.safeParse(value).success)
    throw new ProtocolError(
      'Malformed',
      `addressId: expected a 22-character base64url id, got ${JSON.stringify(value.slice(0, 40))}`,
      {
        field: 'addressId',
      },
    );
  return value;
}

/**
 * A member's own profile and address book (issue 9). Reads need any current key; writes a
 * STANDARD key, as for any other change of what the member grants access to. Everything is
 * stored encrypted (store.ts); what comes back here is the member's own data only.
 */
export function personalDataRoutes(deps: CloudDeps, store: PersonalDataStore): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.get('/', signed(deps, { level: 'LOW' }), async (c) => {
    const me = c.get('caller').memberId;
    const [profile, addresses] = await Promise.all([
      store.loadProfile(deps.db, me),
      store.listAddresses(deps.db, me),
    ]);
    return c.json({ profile, addresses });
  });

  app.put('/profile', signed(deps, { level: 'STANDARD' }), async (c) => {
    const profile = parseWith(profileSchema, c.get('body'), 'profile');
    await store.saveProfile(deps.db, c.get('caller').memberId, profile);
    return c.json({ profile });
  });

  app.post('/addresses', signed(deps, { level: 'STANDARD' }), async (c) => {
    const address = parseWith(postalAddressSchema, c.get('body'), 'address');
    const me = c.get('caller').memberId;
    const id = base64url(deps.randomBytes(16));
    await deps.db.transaction(async (tx) => {
      // Counted under the member's row lock, so two racing inserts cannot both pass the limit.
      await tx.query('select member_id from members where member_id = $1 for update', [me]);
      if ((await store.countAddresses(tx, me)) >= maxAddresses)
        throw new ProtocolError('Conflict', `an address book holds at most ${maxAddresses} addresses`, {
          field: 'address',
        });
      await store.insertAddress(tx, me, id, address);
    });
    return c.json({ address: { id, ...address } }, 201);
  });

  app.put('/addresses/:addressId', signed(deps, { level: 'STANDARD' }), async (c) => {
    const id = addressIdParam(c.req.param('addressId'));
    const address = parseWith(postalAddressSchema, c.get('body'), 'address');
    const me = c.get('caller').memberId;
    const updated = await deps.db.transaction((tx) => store.updateAddress(tx, me, id, address));
    if (!updated)
      throw new ProtocolError('NotFound', `no address ${id} in your address book`, { field: 'addressId' });
    return c.json({ address: { id, ...address } });
  });

  // A grant naming the address stays, and its grantee learns the address was deleted.
  app.delete('/addresses/:addressId', signed(deps, { level: 'STANDARD' }), async (c) => {
    const id = addressIdParam(c.req.param('addressId'));
    if (!(await store.deleteAddress(deps.db, c.get('caller').memberId, id)))
      throw new ProtocolError('NotFound', `no address ${id} in your address book`, { field: 'addressId' });
    return c.json({ deleted: id });
  });

  return app;
}
