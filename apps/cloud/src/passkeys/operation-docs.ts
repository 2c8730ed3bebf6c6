import type { OperationDocs } from '../http/operation-doc.ts';

/** Passkey registration: how /openapi.json describes the routes in this folder. */
export const passkeyOperationDocs: OperationDocs = {
  'POST /api/v1/members/{memberId}/passkeys/registration-options': {
    operationId: 'createPasskeyRegistrationOptions',
    tag: 'Passkeys',
    summary: 'WebAuthn registration options (challenge stored server side)',
    responses: { '200': 'PublicKeyCredentialCreationOptionsJSON' },
  },
  'POST /api/v1/members/{memberId}/passkeys/registrations': {
    operationId: 'verifyPasskeyRegistration',
    tag: 'Passkeys',
    summary: 'Verify a registration; returns the entry to add to the directory',
    responses: { '201': '{ passkey }', '403': 'ScaFailed' },
  },
};
