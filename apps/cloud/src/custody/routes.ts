import { base64url, memberIdSchema, ProtocolError } from '@tokenos/protocol';
import { Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { memberTokenContext } from '../member-tokens/context.ts';
import { memberTokenSettingsFromEnv } from '../member-tokens/keys.ts';
import { loadChain } from '../member-tokens/store.ts';
import { memberTokenView } from '../member-tokens/view.ts';
import { claimOrNotFound, claimStartKey, completeClaim, startClaim, verifyClaim } from './claim.ts';
import { verifyClaimantRequest } from './claimant-request.ts';
import { createCustodialMember } from './create-custodial.ts';
import { changeInCustody } from './custodian-change.ts';
import { type CustodySettings, custodySettingsFromEnv } from './settings.ts';

function memberIdParam(value: string): string {
  if (!memberIdSchema.safeParse(value).success)
    throw new ProtocolError('Malformed', 'memberId: expected a 43-character base64url id', {
      field: 'memberId',
    });
  return value;
}

/**
 * Members created on a user's behalf by a merchant, and the claim (issue 9; protocol
 * directory/custody.ts). Merchant side: create, correct the alias. User side: start a claim (a code
 * to the alias), verify the code (the cloud's attestation), complete (the claim operation). Every
 * call is signed: the merchant's by its member key, the claimer's by the key the claim binds.
 */
export function custodyRoutes(
  deps: CloudDeps,
  settings: CustodySettings = custodySettingsFromEnv(process.env),
): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  const ctx = memberTokenContext(deps, memberTokenSettingsFromEnv(process.env));

  // What a merchant's create operation must name: the claim authority and the longest custody.
  app.get('/policy', (c) =>
    c.json({
      claimAuthority: {
        id: deps.cloudKey.keyId,
        algorithm: deps.cloudKey.signer.algorithm,
        publicKey: base64url(deps.cloudKey.publicKey),
      },
      maxCustodyMs: settings.maxCustodyMs,
    }),
  );

  app.post('/members', signed(deps, { level: 'STANDARD' }), async (c) => {
    const caller = c.get('caller');
    const { member, token } = await createCustodialMember(ctx, settings, caller, c.get('body'));
    const memberToken = await memberTokenView(ctx, await loadChain(deps.db, token.id), caller.memberId);
    return c.json({ member, memberToken }, 201);
  });

  app.post('/members/:memberId/operations', signed(deps, { level: 'STANDARD' }), async (c) => {
    const memberId = memberIdParam(c.req.param('memberId'));
    return c.json(await changeInCustody(deps, c.get('caller').memberId, memberId, c.get('body')), 201);
  });

  app.post('/claims', async (c) => {
    let start: ReturnType<typeof claimStartKey> | undefined;
    await verifyClaimantRequest(deps, c.req.raw, async (body) => {
      start = claimStartKey(body);
      return start.key;
    });
    return c.json(await startClaim(deps, start!), 201);
  });

  app.post('/claims/:claimId/verify', async (c) => {
    const claim = await claimOrNotFound(deps, c.req.param('claimId'));
    const body = await verifyClaimantRequest(deps, c.req.raw, async () => claim.claimant_key);
    return c.json(await verifyClaim(deps, claim, body));
  });

  app.post('/claims/:claimId/complete', async (c) => {
    const claim = await claimOrNotFound(deps, c.req.param('claimId'));
    const body = await verifyClaimantRequest(deps, c.req.raw, async () => claim.claimant_key);
    return c.json(await completeClaim(deps, claim, body), 201);
  });

  return app;
}
