import { tokenRequestSchema } from '@tokenos/protocol';
import { z } from 'zod';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Token requests: how /openapi.json describes the routes in this folder. */
export const tokenRequestOperationDocs: OperationDocs = {
  'POST /api/v1/token-requests': {
    operationId: 'createTokenRequest',
    tag: 'Token requests',
    summary: 'A merchant or AISP asks for a token',
    body: tokenRequestSchema,
    responses: { '201': '{ id, request, domainVerified }' },
  },
  'GET /api/v1/token-requests': {
    operationId: 'listAnsweredTokenRequests',
    tag: 'Token requests',
    summary: 'The requests the caller declined, newest first (?outcome=declined&limit=50)',
    responses: { '200': '{ requests: [{ id, request, outcome, answeredAt }] }' },
  },
  'GET /api/v1/token-requests/{requestId}': {
    operationId: 'getTokenRequest',
    tag: 'Token requests',
    summary: 'Read a request (the wallet)',
    responses: { '200': '{ id, request, domainVerified, status }' },
  },
  'POST /api/v1/token-requests/{requestId}/result': {
    operationId: 'answerTokenRequest',
    tag: 'Token requests',
    summary: "Answer with the user's token (a member token for a memberToken request), or decline",
    body: z.union([
      z.object({ tokenId: z.string() }),
      z.object({ memberTokenId: z.string() }),
      z.object({ declined: z.literal(true) }),
    ]),
    responses: { '201': 'signed result' },
  },
  'GET /api/v1/token-requests/{requestId}/result': {
    operationId: 'getTokenRequestResult',
    tag: 'Token requests',
    summary: "The cloud-signed result; verify it with the SDK's verifyTokenRequestResult",
    responses: { '200': 'result' },
  },
};
