import {
  b64urlSchema,
  base64url,
  type DeviceKey,
  keyEntrySchema,
  type PairingRequest,
  type PairingStarted,
  type PairingStatus,
  ProtocolError,
  pairingChallenge,
  parseWith,
  passkeyAssertionSchema,
} from '@tokenos/protocol';
import { parseJsonBody } from '@tokenos/service-kit';
import { Hono } from 'hono';
import { z } from 'zod';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { tooManyRequests } from '../http/rate-limit.ts';
import { takeShared, type WindowLimit } from '../http/shared-limit.ts';
import { verifyScaAssertion } from '../passkeys/verify-assertion.ts';
import { codeAlphabet, codeLength, generatePairingCode, normalizePairingCode } from './pairing-code.ts';
import {
  completePairing,
  deviceKeysOf,
  insertPairing,
  type PairingRow,
  pairingByCode,
  pairingById,
  recordDeviceKeys,
} from './pairing-store.ts';

/** How long a new device waits for the other one: long enough to find the phone, short for a guesser. */
export const pairingTtlMs = 10 * 60_000;

/**
 * New pairings per window, in the database across instances: everyone together (the route is
 * unsigned, and app.request() has no address), and lookups per asking member, so nobody can walk
 * the code space.
 */
export const pairingLimits = {
  starts: { max: 60, windowMs: 10 * 60_000 },
  lookupsPerMember: { max: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, WindowLimit>;

export const startPairingSchema = z.strictObject({
  /** What the person calls the new device ("Anna's laptop"), shown on the other device. */
  deviceName: z.string().trim().min(1).max(60),
  /** The new device's public keys: at most one per level. */
  keys: z
    .array(keyEntrySchema)
    .min(1)
    .max(3)
    .refine((keys) => new Set(keys.map((k) => k.level)).size === keys.length, 'one key per level'),
});

const codeSchema = z
  .string()
  .transform(normalizePairingCode)
  .pipe(
    z
      .string()
      .regex(new RegExp(`^[${codeAlphabet}]{${codeLength}}$`), `expected ${codeLength} letters and digits`),
  );
/** A passkey assertion over pairingChallenge: due whenever the member has a passkey. */
export const completePairingSchema = z.strictObject({ assertion: passkeyAssertionSchema.optional() });
/** Path parameters as objects, so a refusal names the parameter. */
const codeParam = z.object({ code: codeSchema });
const pairingIdParam = z.object({ pairingId: b64urlSchema.length(22) });

function livePairing(row: PairingRow | undefined, now: number, field: string): PairingRow {
  if (!row) throw new ProtocolError('NotFound', 'no pairing has this code', { field });
  if (row.expires_at.getTime() <= now)
    throw new ProtocolError(
      'Expired',
      `the pairing expired at ${row.expires_at.toISOString()}; start again on the new device`,
      { field },
    );
  return row;
}

/**
 * Pairing a second device (issue 15 item 2): a small relay so a device that holds the wallet can
 * get a new device's public keys by a short typed code. The keys enter the member's directory only
 * through operations that device signs itself; the cloud passes public keys along and checks, on
 * completion, that the directory really lists them.
 */
export function pairingRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.post('/', async (c) => {
    const body = parseWith(
      startPairingSchema,
      parseJsonBody(new Uint8Array(await c.req.arrayBuffer())),
      'pairing',
    );
    const now = deps.now();
    const wait = await takeShared(deps.db, {
      scope: 'pairing-start',
      key: 'all',
      limit: pairingLimits.starts,
      now,
    });
    if (wait > 0) return tooManyRequests(c, wait, 'pairing');
    const started: PairingStarted = {
      pairingId: base64url(deps.randomBytes(16)),
      code: generatePairingCode(deps.randomBytes),
      expiresAt: now + pairingTtlMs,
    };
    await insertPairing(deps.db, {
      id: started.pairingId,
      code: started.code,
      deviceName: body.deviceName,
      keys: body.keys,
      now,
      expiresAt: started.expiresAt,
    });
    return c.json(started, 201);
  });

  // Unsigned: the new device has no member yet. The id is 128 random bits only it was told.
  app.get('/:pairingId/status', async (c) => {
    const id = parseWith(pairingIdParam, { pairingId: c.req.param('pairingId') }, 'pairing').pairingId;
    const row = await pairingById(deps.db, id);
    if (!row) throw new ProtocolError('NotFound', 'no such pairing', { field: 'pairingId' });
    const status: PairingStatus = row.member_id
      ? { status: 'completed', memberId: row.member_id }
      : { status: row.expires_at.getTime() <= deps.now() ? 'expired' : 'waiting' };
    return c.json(status);
  });

  app.get('/:code', signed(deps, { level: 'PRIVILEGED' }), async (c) => {
    const code = parseWith(codeParam, { code: c.req.param('code') }, 'pairing code').code;
    const now = deps.now();
    const caller = c.get('caller');
    const wait = await takeShared(deps.db, {
      scope: 'pairing-lookup',
      key: caller.memberId,
      limit: pairingLimits.lookupsPerMember,
      now,
    });
    if (wait > 0) return tooManyRequests(c, wait, 'member');
    const row = livePairing(await pairingByCode(deps.db, code), now, 'code');
    if (row.member_id)
      throw new ProtocolError('Conflict', 'this pairing is already complete', { field: 'code' });
    const request: PairingRequest = {
      code: row.code,
      deviceName: row.device_name,
      keys: row.keys,
      expiresAt: row.expires_at.getTime(),
    };
    return c.json(request);
  });

  app.post('/:code/complete', signed(deps, { level: 'PRIVILEGED' }), async (c) => {
    const code = parseWith(codeParam, { code: c.req.param('code') }, 'pairing code').code;
    const now = deps.now();
    const caller = c.get('caller');
    const { assertion } = parseWith(completePairingSchema, c.get('body') ?? {}, 'pairing completion');
    const row = livePairing(await pairingByCode(deps.db, code), now, 'code');
    if (caller.member.passkeys.length > 0 && !assertion)
      throw new ProtocolError(
        'ScaRequired',
        'adding a device needs a passkey assertion over pairingChallenge',
        {
          field: 'assertion',
        },
      );
    // The new device learns its member from this answer, so it must be true: every key it made is
    // in the caller's directory, exactly as it posted it.
    for (const key of row.keys) {
      const listed = caller.member.keys.find((k) => k.id === key.id);
      if (!listed || listed.publicKey !== key.publicKey || listed.level !== key.level)
        throw new ProtocolError(
          'Conflict',
          `the directory of ${caller.memberId} does not list the new device's ${key.level} key ${key.id}; add it first`,
          { field: 'code' },
        );
    }
    await deps.db.transaction(async (tx) => {
      if (assertion)
        await verifyScaAssertion(deps, tx, {
          member: caller.member,
          assertion,
          challenge: pairingChallenge(row.code, row.keys),
        });
      if (!(await completePairing(tx, { id: row.id, memberId: caller.memberId, now })))
        throw new ProtocolError('Conflict', 'this pairing is already complete', { field: 'code' });
      await recordDeviceKeys(tx, {
        memberId: caller.memberId,
        deviceId: row.id,
        deviceName: row.device_name,
        keyIds: row.keys.map((k) => k.id),
        now,
      });
    });
    const status: PairingStatus = { status: 'completed', memberId: caller.memberId };
    return c.json(status);
  });

  return app;
}

/** "Your devices": which device each of the caller's keys belongs to and when it last signed. */
export function deviceRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  app.get('/', signed(deps, { level: 'LOW' }), async (c) => {
    const caller = c.get('caller');
    const rows = await deviceKeysOf(deps.db, caller.memberId);
    const listed = new Set(caller.member.keys.map((k) => k.id));
    const keys: DeviceKey[] = rows
      .filter((r) => listed.has(r.key_id))
      .map((r) => ({
        keyId: r.key_id,
        ...(r.device_id ? { deviceId: r.device_id } : {}),
        ...(r.device_name ? { deviceName: r.device_name } : {}),
        ...(r.added_at ? { addedAt: r.added_at.getTime() } : {}),
        ...(r.last_used_at ? { lastUsedAt: r.last_used_at.getTime() } : {}),
      }));
    return c.json({ keys });
  });
  return app;
}
