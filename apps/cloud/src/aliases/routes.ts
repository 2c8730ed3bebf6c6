import {
  type AliasValue,
  aliasCommitment,
  aliasValueSchema,
  b64urlSchema,
  base64url,
  equalBytes,
  normalizeAlias,
  ProtocolError,
  parseWith,
  utf8,
} from '@tokenos/protocol';
import { Hono } from 'hono';
import { z } from 'zod';
import { signed } from '../auth/signed-request.ts';
import type { CloudDeps } from '../deps.ts';
import type { CloudEnv } from '../http/env.ts';
import { tooManyRequests } from '../http/rate-limit.ts';
import { takeShared, type WindowLimit } from '../http/shared-limit.ts';
import {
  claimAlias,
  countRecentStarts,
  findAlias,
  findVerification,
  insertVerification,
  listsAlias,
  liveOwner,
  markVerified,
  takeAttempt,
  type VerificationRow,
} from './alias-store.ts';
import { fetchDomainProof, wellKnownUrl } from './domain-check.ts';
import { codeDigits, generateCode } from './one-time-code.ts';
import { type OutboxMessage, writeOutbox } from './outbox.ts';
import { aliasKeysFor, aliasLookupHash, codeHash } from './pepper.ts';

/** How long an EMAIL/PHONE code is good for, and how many tries it gets before it is dead. */
export const codeTtlMs = 10 * 60_000;
export const maxCodeAttempts = 5;
/** A DOMAIN proof needs someone to publish a file, so it gets longer; each try costs us a fetch. */
export const domainTtlMs = 24 * 60 * 60_000;
export const maxDomainAttempts = 10;
/**
 * Starts per member and alias per hour. Each start mails a fresh code with fresh attempts, so
 * without this bound restarting would make guessing a code only a matter of time (and let a member
 * flood someone's inbox).
 */
export const maxStartsPerHour = 5;
/**
 * Alias resolutions allowed per window: per asking member (any type), and per EMAIL/PHONE alias
 * whoever asks (so many members cannot pool their budgets against one address). Enough for a
 * wallet paying its contacts; far too few to test a list of addresses.
 */
export const resolveLimits = {
  perMember: { max: 30, windowMs: 10 * 60_000 },
  perAlias: { max: 10, windowMs: 10 * 60_000 },
} as const satisfies Record<string, WindowLimit>;

const startSchema = z.strictObject({
  alias: aliasValueSchema,
  /** The salt of the commitment in the member's directory log (the SDK makes 16 random bytes). */
  salt: b64urlSchema.min(16).max(64),
});

const completeSchema = z
  .strictObject({
    code: z
      .string()
      .regex(new RegExp(`^[0-9]{${codeDigits}}$`), `expected ${codeDigits} digits`)
      .optional(),
  })
  .optional();

const verificationIdSchema = b64urlSchema.length(22);

/** What the member is told when a verification starts. */
export interface VerificationStarted {
  verificationId: string;
  type: AliasValue['type'];
  commitment: string;
  expiresAt: number;
  attemptsLeft: number;
  /** DOMAIN only: serve `document` as JSON at `url` (same origin throughout), then complete. */
  domain?: { url: string; document: { memberId: string; token: string } };
}

export interface AliasVerified {
  verificationId: string;
  memberId: string;
  alias: { type: AliasValue['type']; commitment: string };
  verifiedAt: number;
}

function messageBody(appName: string, code: string): string {
  return `Your ${appName} verification code is ${code}. It expires in ${codeTtlMs / 60_000} minutes. If you did not ask for it, ignore this message.`;
}

/** Why no attempt was allowed, read after the conditional UPDATE refused one (the message only). */
function refusal(row: VerificationRow | undefined, memberId: string, now: number): ProtocolError {
  if (!row || row.member_id !== memberId)
    return new ProtocolError('NotFound', 'no such verification', { field: 'verificationId' });
  if (row.status === 'verified')
    return new ProtocolError('Conflict', 'this verification is already complete; a code works once', {
      field: 'code',
    });
  if (row.attempts >= row.max_attempts)
    return new ProtocolError(
      'Expired',
      `all ${row.max_attempts} attempts are used; start a new verification`,
      { field: 'code' },
    );
  if (row.expires_at.getTime() <= now)
    return new ProtocolError(
      'Expired',
      `the verification expired at ${row.expires_at.toISOString()}; start a new one`,
      { field: 'code' },
    );
  return new ProtocolError('Conflict', 'the verification changed meanwhile; try again', {
    field: 'verificationId',
  });
}

/**
 * Aliases: start and complete verification of an alias the member put in its directory log, and
 * resolve a verified alias to its member. Only verified aliases are indexed, under a keyed hash.
 */
export function aliasRoutes(deps: CloudDeps): Hono<CloudEnv> {
  const app = new Hono<CloudEnv>();

  app.post('/verifications', signed(deps, { level: 'PRIVILEGED' }), async (c) => {
    const { alias: raw, salt } = parseWith(startSchema, c.get('body'), 'alias verification');
    const alias = normalizeAlias(raw);
    const caller = c.get('caller');
    const now = deps.now();
    const commitment = aliasCommitment(alias, salt);
    // The cloud verifies only what the member has committed to in its own signed log.
    if (!listsAlias(caller.member, { type: alias.type, commitment }))
      throw new ProtocolError(
        'Conflict',
        `the directory of ${caller.memberId} has no ${alias.type} alias with commitment ${commitment}; add it first`,
        { field: 'alias' },
      );
    const keys = await aliasKeysFor(deps);
    const lookupHash = aliasLookupHash(keys, alias);
    const held = await findAlias(deps.db, lookupHash);
    if (held && held.member_id !== caller.memberId && (await liveOwner(deps.db, held)) !== undefined)
      throw new ProtocolError('Conflict', 'this alias is already verified by another member', {
        field: 'alias.value',
      });
    // A soft bound (count, then insert): a burst across instances can pass it by a few, never by many.
    if (
      (await countRecentStarts(deps.db, caller.memberId, lookupHash, now - 60 * 60_000)) >= maxStartsPerHour
    )
      throw new ProtocolError(
        'Forbidden',
        `at most ${maxStartsPerHour} verifications of one alias per hour; try again later`,
        { field: 'alias.value' },
      );

    const verificationId = base64url(deps.randomBytes(16));
    const base = {
      verificationId,
      memberId: caller.memberId,
      type: alias.type,
      commitment,
      lookupHash,
      createdAt: now,
    };
    if (alias.type === 'DOMAIN') {
      const url = wellKnownUrl(alias.value, deps.config.localhostDomains);
      const token = base64url(deps.randomBytes(32));
      const expiresAt = now + domainTtlMs;
      await insertVerification(deps.db, {
        ...base,
        domainToken: token,
        domainHost: alias.value,
        maxAttempts: maxDomainAttempts,
        expiresAt,
      });
      const started: VerificationStarted = {
        verificationId,
        type: alias.type,
        commitment,
        expiresAt,
        attemptsLeft: maxDomainAttempts,
        domain: { url: url.href, document: { memberId: caller.memberId, token } },
      };
      return c.json(started, 201);
    }
    const code = generateCode(deps.randomBytes);
    const message: OutboxMessage = {
      channel: alias.type === 'EMAIL' ? 'email' : 'sms',
      recipient: alias.value,
      subject: `Your ${deps.config.rpName} verification code`,
      body: messageBody(deps.config.rpName, code),
      createdAt: now,
    };
    const expiresAt = now + codeTtlMs;
    await deps.db.transaction(async (tx) => {
      await insertVerification(tx, {
        ...base,
        codeHash: codeHash(keys, verificationId, code),
        maxAttempts: maxCodeAttempts,
        expiresAt,
      });
      await writeOutbox(tx, message);
    });
    // After commit, so a code that was rolled back is never sent.
    deps.outboxWritten?.();
    const started: VerificationStarted = {
      verificationId,
      type: alias.type,
      commitment,
      expiresAt,
      attemptsLeft: maxCodeAttempts,
    };
    return c.json(started, 201);
  });

  app.post('/verifications/:id/complete', signed(deps, { level: 'PRIVILEGED' }), async (c) => {
    const verificationId = c.req.param('id');
    if (!verificationIdSchema.safeParse(verificationId).success)
      throw new ProtocolError('Malformed', 'verificationId: expected 22 base64url characters', {
        field: 'verificationId',
      });
    const body = parseWith(completeSchema, c.get('body'), 'verification completion');
    const caller = c.get('caller');
    const now = deps.now();

    const found = await findVerification(deps.db, verificationId);
    if (!found || found.member_id !== caller.memberId)
      throw new ProtocolError('NotFound', 'no such verification', { field: 'verificationId' });
    // Checked before an attempt is spent: removing the alias from the log ends its verification.
    if (!listsAlias(caller.member, { type: found.alias_type, commitment: found.commitment }))
      throw new ProtocolError('Conflict', 'the alias is no longer in your directory', {
        field: 'verificationId',
      });
    if (found.alias_type !== 'DOMAIN' && body?.code === undefined)
      throw new ProtocolError('Malformed', 'code: required for EMAIL and PHONE', { field: 'code' });
    if (found.alias_type === 'DOMAIN' && body?.code !== undefined)
      throw new ProtocolError(
        'Malformed',
        'code: a DOMAIN alias is verified by its published token, not a code',
        { field: 'code' },
      );

    const row = await takeAttempt(deps.db, verificationId, caller.memberId, now);
    if (!row) throw refusal(await findVerification(deps.db, verificationId), caller.memberId, now);
    const left = row.max_attempts - row.attempts;
    const keys = await aliasKeysFor(deps);

    if (row.alias_type === 'DOMAIN') {
      const host = row.domain_host;
      const token = row.domain_token;
      if (host === null || token === null)
        throw new Error(`verification ${verificationId} is DOMAIN without host or token`);
      const proof = await fetchDomainProof(host, { development: deps.config.localhostDomains }).catch(
        (e: unknown) => {
          if (e instanceof ProtocolError)
            throw new ProtocolError(e.code, `${e.message}; ${left} attempts left`, {
              field: e.field,
              cause: e.cause,
            });
          throw e;
        },
      );
      if (proof.memberId !== caller.memberId || !equalBytes(utf8(proof.token), utf8(token)))
        throw new ProtocolError(
          'Forbidden',
          `${host} does not publish this verification's memberId and token; ${left} attempts left`,
          { field: 'alias.value' },
        );
    } else {
      const expected = row.code_hash;
      if (expected === null)
        throw new Error(`verification ${verificationId} is ${row.alias_type} without a code`);
      if (!equalBytes(codeHash(keys, verificationId, body?.code ?? ''), expected))
        throw new ProtocolError('Forbidden', `wrong code; ${left} attempts left`, { field: 'code' });
    }

    await deps.db.transaction(async (tx) => {
      if (!(await markVerified(tx, verificationId, now)))
        throw new ProtocolError('Conflict', 'this verification is already complete; a code works once', {
          field: 'code',
        });
      await claimAlias(tx, {
        lookupHash: row.lookup_hash,
        type: row.alias_type,
        commitment: row.commitment,
        memberId: caller.memberId,
        verificationId,
        now,
      });
    });
    const verified: AliasVerified = {
      verificationId,
      memberId: caller.memberId,
      alias: { type: row.alias_type, commitment: row.commitment },
      verifiedAt: now,
    };
    return c.json(verified);
  });

  // Signed (LOW: the signature says who asks, so guesses are counted per member; it grants no
  // authority, and LOW is what the wallet signs everyday reads with). An answer reveals whether
  // an address belongs to a member, so each member and each EMAIL/PHONE alias gets a small budget,
  // counted in the database so it holds across instances (issue 13 item 5). The answer for an
  // unknown alias and for one that is not (or no longer) verified is the same 404.
  app.get('/resolve', signed(deps, { level: 'LOW' }), async (c) => {
    const now = deps.now();
    const caller = c.get('caller').memberId;
    const perMember = await takeShared(deps.db, {
      scope: 'alias-resolve-member',
      key: caller,
      limit: resolveLimits.perMember,
      now,
    });
    if (perMember > 0) return tooManyRequests(c, perMember, 'member');
    const alias = normalizeAlias(
      parseWith(aliasValueSchema, { type: c.req.query('type'), value: c.req.query('value') }, 'alias'),
    );
    const lookupHash = aliasLookupHash(await aliasKeysFor(deps), alias);
    // A DOMAIN alias is public already: its owner serves the member id at /.well-known.
    if (alias.type !== 'DOMAIN') {
      const perAlias = await takeShared(deps.db, {
        scope: 'alias-resolve-alias',
        key: base64url(lookupHash),
        limit: resolveLimits.perAlias,
        now,
      });
      if (perAlias > 0) return tooManyRequests(c, perAlias, 'alias');
    }
    const row = await findAlias(deps.db, lookupHash);
    const memberId = row && (await liveOwner(deps.db, row));
    if (!memberId)
      throw new ProtocolError('NotFound', `no member has verified this ${alias.type} alias`, {
        field: 'value',
      });
    return c.json({ memberId });
  });

  return app;
}
