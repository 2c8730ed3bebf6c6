import type { OperationDocs } from '../http/operation-doc.ts';
import { claimCompleteSchema, claimStartSchema, claimVerifySchema } from './claim.ts';
import { custodialCreationSchema } from './create-custodial.ts';

/** Members held in custody and their claims: how /openapi.json describes the routes in this folder. */
export const custodyOperationDocs: OperationDocs = {
  'GET /api/v1/custody/policy': {
    operationId: 'getCustodyPolicy',
    tag: 'Custody',
    summary:
      "What a merchant's createCustodial operation must name: the claim authority, the longest custody",
    responses: { '200': '{ claimAuthority, maxCustodyMs }' },
  },
  'POST /api/v1/custody/members': {
    operationId: 'createCustodialMember',
    tag: 'Custody',
    summary:
      "A merchant creates a member on a customer's behalf: no keys, the merchant as custodian, a loyalty-only member token",
    body: custodialCreationSchema,
    responses: { '201': '{ member, memberToken }' },
  },
  'POST /api/v1/custody/members/{memberId}/operations': {
    operationId: 'appendCustodialOperation',
    tag: 'Custody',
    summary: 'The custodian corrects the alias of an unclaimed member (refused once claimed)',
    responses: { '201': 'member state', '403': 'not the custodian, or already claimed' },
  },
  'POST /api/v1/custody/claims': {
    operationId: 'startClaim',
    claimantSigned: true,
    tag: 'Custody',
    summary:
      'Start a claim: a code to the alias if a member awaits it (same answer if not); signed by the new key, keyid claimant:<keyId>',
    body: claimStartSchema,
    responses: { '201': '{ claimId, expiresAt, attemptsLeft }' },
  },
  'POST /api/v1/custody/claims/{claimId}/verify': {
    operationId: 'verifyClaim',
    claimantSigned: true,
    tag: 'Custody',
    summary:
      "The code: the cloud's ClaimAttestation for the claimer's key and the member's head (claimant-signed)",
    body: claimVerifySchema,
    responses: {
      '200': '{ memberId, member, attestation, alias }',
      '403': 'wrong code',
      '409': 'Expired or used',
    },
  },
  'POST /api/v1/custody/claims/{claimId}/complete': {
    operationId: 'completeClaim',
    claimantSigned: true,
    tag: 'Custody',
    summary: 'Append the claim operation signed by the new PRIVILEGED key; custody ends (claimant-signed)',
    body: claimCompleteSchema,
    responses: { '201': 'member state', '409': 'already claimed' },
  },
};
