import {
  accessTokenPayloadSchema,
  cancellationSchema,
  endorsementSchema,
  transferTokenPayloadSchema,
} from '@tokenos/protocol';
import { z } from 'zod';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Transfer and access tokens: how /openapi.json describes the routes in this folder. */
export const tokenOperationDocs: OperationDocs = {
  'POST /api/v1/tokens': {
    operationId: 'createToken',
    tag: 'Tokens',
    summary: 'Create a transfer or access token (id = SHA-256 of the RFC 8785 payload)',
    body: z.union([transferTokenPayloadSchema, accessTokenPayloadSchema]),
    responses: { '201': 'token', '200': 'the same payload existed' },
  },
  'GET /api/v1/tokens': {
    operationId: 'listTokens',
    tag: 'Tokens',
    summary: "The caller's tokens",
    query: { role: 'payer | payee | any', kind: 'transfer | access', limit: '1-200', before: 'ISO time' },
    responses: { '200': '{ tokens }' },
  },
  'GET /api/v1/tokens/{tokenId}': {
    operationId: 'getToken',
    tag: 'Tokens',
    summary: 'A token, to its parties',
    responses: { '200': 'token' },
  },
  'POST /api/v1/tokens/{tokenId}/endorse': {
    operationId: 'endorseToken',
    tag: 'Tokens',
    summary: "The asset owner's endorsement with SCA evidence; the bank co-signs transfer tokens",
    body: endorsementSchema,
    responses: {
      '200': 'token',
      '403': 'ScaRequired | ScaFailed | InsufficientKeyLevel',
      '503': "BankUnavailable: the payer's bank did not answer; the token stays endorsed, retry POST /cosign",
    },
  },
  'POST /api/v1/tokens/{tokenId}/cosign': {
    operationId: 'cosignToken',
    tag: 'Tokens',
    summary: "Retry the payer's bank co-signature",
    responses: { '200': 'token', '503': "BankUnavailable: the payer's bank still did not answer" },
  },
  'POST /api/v1/tokens/{tokenId}/cancel': {
    operationId: 'cancelToken',
    tag: 'Tokens',
    summary: 'Cancel (either party, any time)',
    body: cancellationSchema,
    responses: { '200': 'token' },
  },
  'POST /api/v1/tokens/{tokenId}/replace': {
    operationId: 'replaceAccessToken',
    tag: 'Tokens',
    summary: 'Replace a live access grant atomically (one grant per grantor/grantee)',
    body: z.object({ payload: accessTokenPayloadSchema, endorsement: endorsementSchema }),
    responses: { '201': 'new token' },
  },
};
