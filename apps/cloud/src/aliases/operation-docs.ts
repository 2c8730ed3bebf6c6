import { aliasValueSchema } from '@tokenos/protocol';
import { z } from 'zod';
import type { OperationDocs } from '../openapi/operation-doc.ts';

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
    query: { type: 'EMAIL | PHONE | DOMAIN', value: 'the alias' },
    requiredQuery: ['type', 'value'],
    responses: { '200': '{ memberId }', '404': 'unknown or unverified' },
  },
};
