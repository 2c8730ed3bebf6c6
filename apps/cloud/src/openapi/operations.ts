import {
  accessTokenPayloadSchema,
  aliasValueSchema,
  cancellationSchema,
  directoryOperationSchema,
  endorsementSchema,
  memberTokenChargeSchema,
  memberTokenCreationSchema,
  memberTokenDerivationSchema,
  memberTokenVerificationSchema,
  tokenRequestResultSchema,
  tokenRequestSchema,
  transferTokenPayloadSchema,
} from '@tokenos/protocol';
import { z } from 'zod';
import { redeemBodySchema } from '../transfers/redeem.ts';

/** One API operation as the docs describe it; the request body schema is the one the route parses. */
export interface Operation {
  method: 'get' | 'post';
  path: string;
  tag: string;
  summary: string;
  /** The key level an RFC 9421 signature must come from; absent for public reads. */
  signed?: 'LOW' | 'STANDARD' | 'PRIVILEGED';
  body?: z.ZodType;
  query?: Record<string, string>;
  responses: Record<string, string>;
}

const tokenPayload = z.union([transferTokenPayloadSchema, accessTokenPayloadSchema]);

export const operations: Operation[] = [
  {
    method: 'post',
    path: '/api/v1/members',
    tag: 'Directory',
    summary: 'Create a member with its first, self-signed directory operation',
    signed: 'PRIVILEGED',
    body: directoryOperationSchema,
    responses: { '201': 'member state', '409': 'member exists' },
  },
  {
    method: 'get',
    path: '/api/v1/members/{memberId}',
    tag: 'Directory',
    summary: "A member's current keys, alias commitments and passkeys",
    responses: { '200': 'member state', '404': 'no such member' },
  },
  {
    method: 'get',
    path: '/api/v1/members/{memberId}/log',
    tag: 'Directory',
    summary: 'The hash-chained operation log, to verify from the first operation',
    responses: { '200': '{ memberId, operations }' },
  },
  {
    method: 'post',
    path: '/api/v1/members/{memberId}/operations',
    tag: 'Directory',
    summary: 'Append a key, alias or passkey change',
    signed: 'PRIVILEGED',
    body: directoryOperationSchema,
    responses: { '201': 'member state', '409': 'broken chain (someone appended first)' },
  },
  {
    method: 'post',
    path: '/api/v1/members/{memberId}/passkeys/registration-options',
    tag: 'Passkeys',
    summary: 'WebAuthn registration options (challenge stored server side)',
    signed: 'PRIVILEGED',
    responses: { '200': 'PublicKeyCredentialCreationOptionsJSON' },
  },
  {
    method: 'post',
    path: '/api/v1/members/{memberId}/passkeys/registrations',
    tag: 'Passkeys',
    summary: 'Verify a registration; returns the entry to add to the directory',
    signed: 'PRIVILEGED',
    responses: { '201': '{ passkey }', '403': 'ScaFailed' },
  },
  {
    method: 'post',
    path: '/api/v1/aliases/verifications',
    tag: 'Aliases',
    summary: 'Start verifying an alias listed in the member directory',
    signed: 'PRIVILEGED',
    body: z.object({ alias: aliasValueSchema, salt: z.string() }),
    responses: { '201': 'verification' },
  },
  {
    method: 'post',
    path: '/api/v1/aliases/verifications/{verificationId}/complete',
    tag: 'Aliases',
    summary: 'Complete with the one-time code (email, phone) or the published domain proof',
    signed: 'PRIVILEGED',
    responses: { '200': 'verified' },
  },
  {
    method: 'get',
    path: '/api/v1/aliases/resolve',
    tag: 'Aliases',
    summary: 'Resolve a verified alias to a member id',
    query: { type: 'EMAIL | PHONE | DOMAIN', value: 'the alias' },
    responses: { '200': '{ memberId }', '404': 'unknown or unverified' },
  },
  {
    method: 'post',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: 'Create a transfer or access token (id = SHA-256 of the RFC 8785 payload)',
    signed: 'LOW',
    body: tokenPayload,
    responses: { '201': 'token', '200': 'the same payload existed' },
  },
  {
    method: 'get',
    path: '/api/v1/tokens',
    tag: 'Tokens',
    summary: "The caller's tokens",
    signed: 'LOW',
    query: { role: 'payer | payee | any', kind: 'transfer | access', limit: '1-200', before: 'ISO time' },
    responses: { '200': '{ tokens }' },
  },
  {
    method: 'get',
    path: '/api/v1/tokens/{tokenId}',
    tag: 'Tokens',
    summary: 'A token, to its parties',
    signed: 'LOW',
    responses: { '200': 'token' },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/endorse',
    tag: 'Tokens',
    summary: "The asset owner's endorsement with SCA evidence; the bank co-signs transfer tokens",
    signed: 'LOW',
    body: endorsementSchema,
    responses: {
      '200': 'token',
      '403': 'ScaRequired | ScaFailed | InsufficientKeyLevel',
      '409': 'bank unavailable: retry /cosign',
    },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/cosign',
    tag: 'Tokens',
    summary: "Retry the payer's bank co-signature",
    signed: 'LOW',
    responses: { '200': 'token' },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/cancel',
    tag: 'Tokens',
    summary: 'Cancel (either party, any time)',
    signed: 'LOW',
    body: cancellationSchema,
    responses: { '200': 'token' },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/replace',
    tag: 'Tokens',
    summary: 'Replace a live access grant atomically (one grant per grantor/grantee)',
    signed: 'STANDARD',
    body: z.object({ payload: accessTokenPayloadSchema, endorsement: endorsementSchema }),
    responses: { '201': 'new token' },
  },
  {
    method: 'post',
    path: '/api/v1/tokens/{tokenId}/redeem',
    tag: 'Transfers',
    summary: 'Redeem a transfer token; idempotent per refId',
    signed: 'LOW',
    body: redeemBodySchema,
    responses: {
      '201': 'settled (ACSC) or rejected (RJCT)',
      '200': 'retry: the first result',
      '202': 'pending at the bank (ACTC)',
      '422': 'ConditionFailed with every reason',
    },
  },
  {
    method: 'get',
    path: '/api/v1/tokens/{tokenId}/transfers',
    tag: 'Transfers',
    summary: "A token's transfers",
    signed: 'LOW',
    responses: { '200': '{ transfers }' },
  },
  {
    method: 'post',
    path: '/api/v1/token-requests',
    tag: 'Token requests',
    summary: 'A merchant or AISP asks for a token',
    signed: 'LOW',
    body: tokenRequestSchema,
    responses: { '201': '{ id, request, domainVerified }' },
  },
  {
    method: 'get',
    path: '/api/v1/token-requests/{requestId}',
    tag: 'Token requests',
    summary: 'Read a request (the wallet)',
    responses: { '200': '{ id, request, domainVerified, status }' },
  },
  {
    method: 'post',
    path: '/api/v1/token-requests/{requestId}/result',
    tag: 'Token requests',
    summary: "Answer with the user's token, or decline",
    signed: 'LOW',
    body: z.union([z.object({ tokenId: z.string() }), z.object({ declined: z.literal(true) })]),
    responses: { '201': 'signed result' },
  },
  {
    method: 'get',
    path: '/api/v1/token-requests/{requestId}/result',
    tag: 'Token requests',
    summary: "The cloud-signed result; verify it with the SDK's verifyTokenRequestResult",
    responses: { '200': 'result' },
  },
  {
    method: 'get',
    path: '/api/v1/access/{tokenId}/accounts',
    tag: 'Account information',
    summary: 'Accounts in a live grant (grantee only)',
    signed: 'LOW',
    responses: { '200': '{ accounts }' },
  },
  {
    method: 'get',
    path: '/api/v1/access/{tokenId}/accounts/{accountRef}/balance',
    tag: 'Account information',
    summary: 'Balance of a granted account',
    signed: 'LOW',
    responses: { '200': 'balance' },
  },
  {
    method: 'get',
    path: '/api/v1/access/{tokenId}/accounts/{accountRef}/transactions',
    tag: 'Account information',
    summary: 'Transactions of a granted account, newest first, by cursor',
    signed: 'LOW',
    query: { cursor: 'nextCursor of the previous page' },
    responses: { '200': 'page' },
  },
  {
    method: 'get',
    path: '/api/v1/cloud/keys',
    tag: 'Cloud',
    summary: "The cloud's public signing keys (results, connector calls)",
    responses: { '200': '{ keys }' },
  },
];

export const resultSchema = tokenRequestResultSchema;
