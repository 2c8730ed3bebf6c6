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
    description:
      'With `wait`, a long poll: the call is held until the request is answered (200 at once, on any instance within a second) or the wait ends (204). Without it, 404 while there is no answer yet.',
    query: { wait: 'Seconds to hold the call for an answer, 0 to 25' },
    responses: { '200': 'result', '204': 'no answer within the wait' },
  },
  'GET /api/v1/token-requests/{requestId}/qr': {
    operationId: 'getTokenRequestQrCode',
    tag: 'Token requests',
    summary: 'The QR code (SVG) a phone scans to approve a desktop checkout in the wallet',
    description:
      "Encodes the wallet's approval link for this request and the desktop checkout's nonce; the result still reaches only the checkout holding that nonce.",
    query: {
      nonce: "The desktop checkout's nonce (16 to 64 base64url characters)",
      wallet: 'The wallet origin; one this service serves (default: its first)',
    },
    requiredQuery: ['nonce'],
    responses: { '200': 'image/svg+xml' },
  },
};
