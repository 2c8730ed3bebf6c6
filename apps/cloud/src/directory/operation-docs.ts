import { directoryOperationSchema } from '@tokenos/protocol';
import type { OperationDocs } from '../http/operation-doc.ts';

/** The member directory: how /openapi.json describes the routes in this folder. */
export const directoryOperationDocs: OperationDocs = {
  'POST /api/v1/members': {
    operationId: 'createMember',
    tag: 'Directory',
    summary: 'Create a member with its first, self-signed directory operation',
    body: directoryOperationSchema,
    responses: { '201': 'member state', '409': 'member exists' },
  },
  'GET /api/v1/members/{memberId}': {
    operationId: 'getMember',
    tag: 'Directory',
    summary: "A member's current keys, alias commitments and passkeys",
    responses: { '200': 'member state', '404': 'no such member' },
  },
  'GET /api/v1/members/{memberId}/log': {
    operationId: 'getMemberLog',
    tag: 'Directory',
    summary: 'The hash-chained operation log, to verify from the first operation',
    responses: { '200': '{ memberId, operations }' },
  },
  'POST /api/v1/members/{memberId}/operations': {
    operationId: 'appendMemberOperation',
    tag: 'Directory',
    summary: 'Append a key, alias or passkey change',
    body: directoryOperationSchema,
    responses: { '201': 'member state', '409': 'broken chain (someone appended first)' },
  },
};
