import { memberIdSchema, ProtocolError } from '@tokenos/protocol';
import { type Context, Hono } from 'hono';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { createRegistrationOptions } from './registration-options.ts';
import { verifyPasskeyRegistration } from './verify-registration.ts';

/** The member named in the mount path (`/members/:memberId/passkeys`), who must be the signer. */
function ownMember(c: Context<CloudEnv>): string {
  const memberId = c.req.param('memberId') ?? '';
  if (!memberIdSchema.safeParse(memberId).success)
    throw new ProtocolError(
      'Malformed',
      `memberId: expected a 43-character base64url id, got ${JSON.stringify(memberId.slice(0, 60))}`,
      { field: 'memberId' },
    );
  if (c.get('caller').memberId !== memberId)
    throw new ProtocolError('Forbidden', `only member ${memberId} can register its passkeys`);
  return memberId;
}

/** The optional body of registration-options: the name the authenticator shows (§5.4.3 user.name). */
function userNameOf(body: unknown, memberId: string): string {
  if (body === undefined) return `member ${memberId.slice(0, 8)}`;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ProtocolError('Malformed', 'body: expected an object', { field: 'body' });
  const extra = Object.keys(body).filter((k) => k !== 'userName');
  if (extra.length > 0)
    throw new ProtocolError('Malformed', `body: unexpected ${extra.join(', ')}`, {
      field: extra[0] ?? 'body',
    });
  const { userName } = body as { userName?: unknown };
  if (userName === undefined) return `member ${memberId.slice(0, 8)}`;
  // §6.4.1: user.name is shown to the user; authenticators may truncate it to 64 bytes.
  if (
    typeof userName !== 'string' ||
    userName.length < 1 ||
    new TextEncoder().encode(userName).length > 64 ||
    /\p{Cc}/u.test(userName)
  )
    throw new ProtocolError(
      'Malformed',
      'userName: expected 1 to 64 bytes of text without control characters',
      { field: 'userName' },
    );
  return userName;
}

/**
 * Passkey registration (W3C WebAuthn L3 §7.1), mounted at /api/v1/members/:memberId/passkeys.
 * Both calls change what can authenticate the member, so both need a PRIVILEGED key (seed 000,
 * "Key Management"). A verified passkey counts for SCA once the member's addPasskey directory
 * operation carries it.
 */
export function passkeyRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();
  const privileged = signed(deps, { level: 'PRIVILEGED' });

  app.post('/registration-options', privileged, async (c) => {
    const memberId = ownMember(c);
    const options = await createRegistrationOptions(deps, {
      memberId,
      userName: userNameOf(c.get('body'), memberId),
    });
    return c.json(options, 201);
  });

  app.post('/registrations', privileged, async (c) => {
    const memberId = ownMember(c);
    const passkey = await verifyPasskeyRegistration(deps, { memberId, response: c.get('body') });
    return c.json({ passkey }, 201);
  });

  return app;
}
