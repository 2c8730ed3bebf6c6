import type { OperationDocs } from '../http/operation-doc.ts';
import { redeemBodySchema } from './redeem.ts';

/** Redeeming transfer tokens: how /openapi.json describes the routes in this folder. */
export const transferOperationDocs: OperationDocs = {
  'POST /api/v1/tokens/{tokenId}/redeem': {
    operationId: 'redeemToken',
    tag: 'Transfers',
    summary: 'Redeem a transfer token; idempotent per refId',
    body: redeemBodySchema,
    responses: {
      '201': 'settled (ACSC)',
      '200': 'retry: the first result',
      '202': 'pending at the bank (ACTC)',
      '422':
        "ConditionFailed with every reason; BankRefused when the payer's bank refused to move the money, its ISO 20022 status reason in `reason` (a retry with the same refId answers the same)",
    },
  },
  'GET /api/v1/tokens/{tokenId}/transfers': {
    operationId: 'listTokenTransfers',
    tag: 'Transfers',
    summary: "A token's transfers",
    responses: { '200': '{ transfers }' },
  },
};
