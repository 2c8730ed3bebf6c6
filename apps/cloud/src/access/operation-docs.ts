import { cancellationSchema } from '@tokenos/protocol';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Reads under an access grant: how /openapi.json describes the routes in this folder. */
export const accessOperationDocs: OperationDocs = {
  'GET /api/v1/access/{tokenId}/accounts': {
    operationId: 'listGrantedAccounts',
    tag: 'Account information',
    summary: 'Accounts in a live grant (grantee only)',
    responses: { '200': '{ accounts }', '503': 'BankUnavailable: the bank did not answer; retry' },
  },
  'GET /api/v1/access/{tokenId}/accounts/{accountRef}/balance': {
    operationId: 'getGrantedAccountBalance',
    tag: 'Account information',
    summary: 'Balance of a granted account',
    responses: { '200': 'balance', '503': 'BankUnavailable: the bank did not answer; retry' },
  },
  'GET /api/v1/access/{tokenId}/accounts/{accountRef}/transactions': {
    operationId: 'listGrantedAccountTransactions',
    tag: 'Account information',
    summary: 'Transactions of a granted account, newest first, by cursor',
    query: { cursor: 'nextCursor of the previous page', limit: '1-200' },
    responses: { '200': 'page', '503': 'BankUnavailable: the bank did not answer; retry' },
  },
  'GET /api/v1/access/{tokenId}/status': {
    operationId: 'getAccessStatus',
    tag: 'Account information',
    summary:
      'A bank asks, signed with its own key, whether a grant on its accounts is still live (status, last use)',
    responses: { '200': '{ tokenId, status, lastUsedAt }', '404': 'no access token on your accounts' },
  },
  'POST /api/v1/access/{tokenId}/bank-revocation': {
    operationId: 'revokeAccessAtBank',
    tag: 'Account information',
    summary:
      'A bank reports that the account holder revoked a grant on its accounts in online banking: a Cancellation signed by the bank, accepted only from the bank holding the accounts',
    body: cancellationSchema,
    responses: { '200': '{ tokenId, status }', '404': 'no access token on your accounts' },
  },
};
