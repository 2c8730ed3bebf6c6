import { isUniqueViolation } from '@tokenos/db';
import {
  appendOperation,
  applyOperation,
  directoryOperationSchema,
  maxSignatureAgeSeconds,
  maxSignatureFutureSeconds,
  memberIdSchema,
  ProtocolError,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { appendToMember, insertMember, loadMember, memberLog } from '../members/member-store.ts';
import { assertPasskeyVerified, notePasskeyDirectoryChange } from '../passkeys/assert-passkey-verified.ts';

function checkFresh(createdAt: number, now: number): void {
  const age = (now - createdAt) / 1000;
  if (age > maxSignatureAgeSeconds || -age > maxSignatureFutureSeconds)
    throw new ProtocolError(
      'StaleRequest',
      `operation createdAt is ${Math.round(age)}s from now; it must be signed just before it is sent`,
      {
        field: 'createdAt',
      },
    );
}

function memberIdParam(value: string): string {
  if (!memberIdSchema.safeParse(value).success)
    throw new ProtocolError(
      'Malformed',
      `memberId: expected a 43-character base64url id, got ${JSON.stringify(value.slice(0, 60))}`,
      { field: 'memberId' },
    );
  return value;
}

/** The member directory: create members, append operations, read state and the verifiable log. */
export function directoryRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  // A member is created by its first operation, self-signed by a PRIVILEGED key it introduces;
  // the request is signed by that same key under the member id the operation hashes to.
  app.post(
    '/',
    signed(deps, {
      level: 'PRIVILEGED',
      newMember: (body) => {
        const parsed = directoryOperationSchema.safeParse(body);
        if (!parsed.success || parsed.data.seq !== 0) return undefined;
        try {
          return applyOperation(null, parsed.data).state;
        } catch {
          return undefined;
        }
      },
    }),
    async (c) => {
      const { state, op } = await appendOperation(null, c.get('body'), deps.backend);
      checkFresh(op.createdAt, deps.now());
      if (state.memberId !== c.get('caller').memberId)
        throw new ProtocolError('Forbidden', 'request signer is not the member being created');
      try {
        await deps.db.transaction((tx) => insertMember(tx, state, op));
      } catch (e) {
        if (isUniqueViolation(e))
          throw new ProtocolError('Conflict', `member ${state.memberId} already exists`, { field: 'seq' });
        throw e;
      }
      return c.json(state, 201);
    },
  );

  app.get('/:memberId', async (c) => {
    const state = await loadMember(deps.db, memberIdParam(c.req.param('memberId')));
    if (!state)
      throw new ProtocolError('NotFound', `no member ${c.req.param('memberId')}`, { field: 'memberId' });
    return c.json(state);
  });

  // The whole log, so the SDK and every bank can replay and verify it without trusting us.
  app.get('/:memberId/log', async (c) => {
    const memberId = memberIdParam(c.req.param('memberId'));
    const log = await memberLog(deps.db, memberId);
    if (log.length === 0) throw new ProtocolError('NotFound', `no member ${memberId}`, { field: 'memberId' });
    return c.json({ memberId, operations: log });
  });

  app.post('/:memberId/operations', signed(deps, { level: 'PRIVILEGED' }), async (c) => {
    const memberId = memberIdParam(c.req.param('memberId'));
    if (c.get('caller').memberId !== memberId)
      throw new ProtocolError('Forbidden', `only member ${memberId} can change its directory entry`);
    const result = await deps.db.transaction(async (tx) => {
      // Row lock: appends to one member are serialised, each sees the head the previous one wrote.
      const before = await loadMember(tx, memberId, { forUpdate: true });
      if (!before) throw new ProtocolError('NotFound', `no member ${memberId}`, { field: 'memberId' });
      const { state, op } = await appendOperation(before, c.get('body'), deps.backend);
      checkFresh(op.createdAt, deps.now());
      // A passkey enters the directory only once the cloud has verified its registration (W3C WebAuthn L3 §7.1).
      if (op.action.kind === 'addPasskey') await assertPasskeyVerified(tx, memberId, op.action.passkey);
      await appendToMember(tx, state, op);
      await notePasskeyDirectoryChange(tx, memberId, op.action);
      return state;
    });
    return c.json(result, 201);
  });

  return app;
}
