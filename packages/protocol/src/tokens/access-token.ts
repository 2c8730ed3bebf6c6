import { z } from 'zod';
import { hashIdSchema, memberIdSchema, nonceSchema, timestampSchema } from '../common.ts';
import { addressIdSchema, profileFieldSchema } from '../personal/personal-data.ts';
import { accountRefSchema } from './transfer-token.ts';

export const accountScopeSchema = z.enum(['details', 'balances', 'transactions']);
export type AccountScope = z.infer<typeof accountScopeSchema>;

export const accountResourceSchema = z.strictObject({
  type: z.literal('account'),
  account: accountRefSchema,
  scopes: z.array(accountScopeSchema).min(1).max(3),
});
export type AccountResource = z.infer<typeof accountResourceSchema>;

/**
 * What an access token lets the grantee read (seed 000, "Access Tokens": accounts, and "physical
 * addresses and PII"): an account with scopes, one address of the grantor's address book (the
 * grantee reads its current version), or chosen fields of the grantor's profile.
 */
export const accessResourceSchema = z.discriminatedUnion('type', [
  accountResourceSchema,
  z.strictObject({ type: z.literal('address'), addressId: addressIdSchema }),
  z.strictObject({ type: z.literal('profile'), fields: z.array(profileFieldSchema).min(1).max(3) }),
]);
export type AccessResource = z.infer<typeof accessResourceSchema>;

export function isAccountResource(r: AccessResource): r is AccountResource {
  return r.type === 'account';
}

/** The identity of a resource within one grant: no grant lists the same thing twice. */
function resourceKey(r: AccessResource): string {
  if (r.type === 'account') return `account:${r.account.bankId}:${r.account.accountRef}`;
  if (r.type === 'address') return `address:${r.addressId}`;
  return 'profile';
}

/** PSD2 RTS Art. 10 (as amended 2022): re-authentication at least every 180 days. */
export const maxAccessLifetimeMs = 180 * 24 * 3600 * 1000;

export const accessTokenPayloadSchema = z
  .strictObject({
    type: z.literal('AccessToken'),
    version: z.literal(1),
    nonce: nonceSchema,
    issuer: memberIdSchema,
    /** The grantor, whose information it is. */
    from: z.strictObject({ memberId: memberIdSchema }),
    /** The grantee, the only redeemer of an access token. */
    to: z.strictObject({ memberId: memberIdSchema }),
    resources: z.array(accessResourceSchema).min(1).max(50),
    effectiveAt: timestampSchema,
    expiresAt: timestampSchema,
    requestId: hashIdSchema.optional(),
  })
  .superRefine((p, ctx) => {
    if (p.expiresAt <= p.effectiveAt)
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after effectiveAt' });
    if (p.expiresAt - p.effectiveAt > maxAccessLifetimeMs)
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'an access token lives at most 180 days (PSD2 RTS Art. 10)',
      });
    if (p.from.memberId === p.to.memberId)
      ctx.addIssue({ code: 'custom', path: ['to', 'memberId'], message: 'grantor and grantee must differ' });
    const seen = new Set<string>();
    p.resources.forEach((r, i) => {
      const key = resourceKey(r);
      if (seen.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['resources', i],
          message: `the same ${r.type} is listed twice`,
        });
      seen.add(key);
      if (r.type === 'account' && new Set(r.scopes).size !== r.scopes.length)
        ctx.addIssue({ code: 'custom', path: ['resources', i, 'scopes'], message: 'duplicate scope' });
      if (r.type === 'profile' && new Set(r.fields).size !== r.fields.length)
        ctx.addIssue({ code: 'custom', path: ['resources', i, 'fields'], message: 'duplicate field' });
    });
  });
export type AccessTokenPayload = z.infer<typeof accessTokenPayloadSchema>;
