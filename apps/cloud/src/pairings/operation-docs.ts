import type { OperationDocs } from '../http/operation-doc.ts';
import { completePairingSchema, startPairingSchema } from './routes.ts';

/** Pairing a second device and "Your devices": how /openapi.json describes the routes in this folder. */
export const pairingOperationDocs: OperationDocs = {
  'POST /api/v1/pairings': {
    operationId: 'startPairing',
    tag: 'Devices',
    summary:
      "A new device posts its public keys and its name, and gets a short code for the wallet's other device",
    description:
      'Unsigned: the device has no member yet. Only public keys. The code lives 10 minutes. Limited in the database across instances: 60 new pairings per 10 minutes; past that, 429 with Retry-After.',
    body: startPairingSchema,
    responses: { '201': '{ pairingId, code, expiresAt }' },
  },
  'GET /api/v1/pairings/{pairingId}/status': {
    operationId: 'pairingStatus',
    tag: 'Devices',
    summary: 'The new device asks whether its keys were added, and to which member',
    responses: {
      '200': "{ status: 'waiting' | 'completed' | 'expired', memberId? }",
      '404': 'no such pairing',
    },
  },
  'GET /api/v1/pairings/{code}': {
    operationId: 'readPairing',
    tag: 'Devices',
    summary: "A device holding the wallet reads the new device's name and public keys by its code",
    description:
      'Signed PRIVILEGED; at most 10 lookups per member per 10 minutes, so nobody can walk the codes.',
    responses: {
      '200': '{ code, deviceName, keys, expiresAt }',
      '404': 'no pairing has this code',
      '429': 'too many lookups; see Retry-After',
    },
  },
  'POST /api/v1/pairings/{code}/complete': {
    operationId: 'completePairing',
    tag: 'Devices',
    summary: "Completes a pairing once the caller's directory lists every key of the new device",
    description:
      'Signed PRIVILEGED. A member with a passkey sends an assertion over pairingChallenge(code, keys), so the person confirmed this very device.',
    body: completePairingSchema,
    responses: {
      '200': "{ status: 'completed', memberId }",
      '409': 'keys not in the directory, or done already',
    },
  },
  'GET /api/v1/devices': {
    operationId: 'listDeviceKeys',
    tag: 'Devices',
    summary: "Which device each of the caller's keys belongs to, when it was added and last used",
    responses: { '200': '{ keys: [{ keyId, deviceId?, deviceName?, addedAt?, lastUsedAt? }] }' },
  },
};
