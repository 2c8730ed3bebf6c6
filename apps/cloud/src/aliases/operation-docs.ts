import { aliasValueSchema } from '@tokenos/protocol';
import { z } from 'zod';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Alias verification and lookup: how /openapi.json describes the routes in this folder. */
export const aliasOperationDocs: OperationDocs = {
  'POST /api/v1/aliases/verifications': {
    operationId: 'startAliasVerification',
    tag: 'Aliases',
    summary: 'Start verifying an alias listed in the member directory',
    body: z.object({ alias: aliasValueSchema, salt: z.string() }),
    responses: { '201': 'verification' },
  },
  'POST /api/v1/aliases/verifications/{id}/complete': {
    operationId: 'completeAliasVerification',
    tag: 'Aliases',
    summary: 'Complete with the one-time code (email, phone) or the published domain proof',
    responses: { '200': 'verified' },
  },
  'GET /api/v1/aliases/resolve': {
    operationId: 'resolveAlias',
    tag: 'Aliases',
    summary: 'Resolve a verified alias to a member id',
    description:
      'Reveals whether an email address, phone number or domain belongs to a member, and which. Hence signed (LOW: the signature says who asks, it grants nothing) and limited, in the database across instances: 30 resolutions per asking member and 10 per EMAIL or PHONE alias (whoever asks) per 10 minutes; past either, 429 TooManyRequests with Retry-After. An unknown alias and an unverified one get the same 404.',
    query: { type: 'EMAIL | PHONE | DOMAIN', value: 'the alias' },
    requiredQuery: ['type', 'value'],
    responses: {
      '200': '{ memberId }',
      '404': 'unknown or unverified',
      '429': 'too many resolutions by this member or of this alias; see Retry-After',
    },
  },
};
