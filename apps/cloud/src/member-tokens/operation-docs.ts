import {
  memberTokenChargeSchema,
  memberTokenCreationSchema,
  memberTokenDerivationSchema,
  memberTokenVerificationSchema,
} from '@tokenos/protocol';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Member tokens: how /openapi.json describes the routes in this folder. */
export const memberTokenOperationDocs: OperationDocs = {
  'POST /api/v1/member-tokens': {
    operationId: 'createMemberToken',
    tag: 'Member tokens',
    summary:
      'Create an OpenToken member token for a merchant, endorsed with SCA; a multi-use transfer token with the same limits stands behind it',
    body: memberTokenCreationSchema,
    responses: { '201': 'member token in both formats' },
  },
  'GET /api/v1/member-tokens': {
    operationId: 'listMemberTokens',
    tag: 'Member tokens',
    summary: "The caller's own member tokens (root and derived), newest first, with usage",
    query: { limit: '1-100' },
    responses: { '200': '{ tokens }' },
  },
  'GET /api/v1/member-tokens/{tokenId}': {
    operationId: 'getMemberToken',
    tag: 'Member tokens',
    summary: 'A member token as JWT and as the 58-byte custom format, with usage per limit',
    responses: { '200': 'member token' },
  },
  'POST /api/v1/member-tokens/verify': {
    operationId: 'verifyMemberToken',
    tag: 'Member tokens',
    summary: 'Verify a presented token (either format): status, limitations, entitlements',
    body: memberTokenVerificationSchema,
    responses: { '200': 'verification' },
  },
  'POST /api/v1/member-tokens/charge': {
    operationId: 'chargeMemberToken',
    tag: 'Member tokens',
    summary:
      'Charge a member token; limits checked and counted at every level in one transaction; idempotent per refId',
    body: memberTokenChargeSchema,
    responses: {
      '201': 'settled or rejected',
      '200': 'retry: the first result',
      '202': 'pending at the bank',
      '422': 'ConditionFailed per limit',
    },
  },
  'POST /api/v1/member-tokens/{tokenId}/derive': {
    operationId: 'deriveMemberToken',
    tag: 'Member tokens',
    summary: 'Derive a sub-token for a sub-merchant; refused unless at least as strict as its parent',
    body: memberTokenDerivationSchema,
    responses: { '201': 'sub-token' },
  },
  'POST /api/v1/member-tokens/{tokenId}/cancel': {
    operationId: 'cancelMemberToken',
    tag: 'Member tokens',
    summary: 'Cancel; every descendant is revoked at once',
    responses: { '200': 'cancelled' },
  },
  'GET /.well-known/jwks.json': {
    operationId: 'getJwks',
    tag: 'Member tokens',
    summary: "The cloud's member-token signing keys as a JWK Set (EdDSA)",
    responses: { '200': 'JWK Set' },
  },
};
