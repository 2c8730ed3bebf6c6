import { postalAddressSchema, profileSchema } from '@tokenos/protocol';
import type { OperationDocs } from '../http/operation-doc.ts';

/** Profiles and address books: how /openapi.json describes the routes in this folder. */
export const personalDataOperationDocs: OperationDocs = {
  'GET /api/v1/personal-data': {
    operationId: 'getPersonalData',
    tag: 'Personal data',
    summary: "The caller's own profile and address book (stored encrypted)",
    responses: { '200': '{ profile, addresses }' },
  },
  'PUT /api/v1/personal-data/profile': {
    operationId: 'replaceProfile',
    tag: 'Personal data',
    summary: "Replace the caller's profile",
    body: profileSchema,
    responses: { '200': '{ profile }' },
  },
  'POST /api/v1/personal-data/addresses': {
    operationId: 'addAddress',
    tag: 'Personal data',
    summary: 'Add an address to the address book',
    body: postalAddressSchema,
    responses: { '201': '{ address }' },
  },
  'PUT /api/v1/personal-data/addresses/{addressId}': {
    operationId: 'updateAddress',
    tag: 'Personal data',
    summary: 'Edit an address; grantees see the new version',
    body: postalAddressSchema,
    responses: { '200': '{ address }' },
  },
  'DELETE /api/v1/personal-data/addresses/{addressId}': {
    operationId: 'deleteAddress',
    tag: 'Personal data',
    summary: 'Delete an address; grants naming it then answer 404',
    responses: { '200': '{ deleted }' },
  },
  'GET /api/v1/access/{tokenId}/addresses': {
    operationId: 'listGrantedAddresses',
    tag: 'Personal data',
    summary: 'Addresses a live grant names, as they are now (grantee only)',
    responses: { '200': '{ addresses, deleted }' },
  },
  'GET /api/v1/access/{tokenId}/addresses/{addressId}': {
    operationId: 'getGrantedAddress',
    tag: 'Personal data',
    summary: 'One granted address (404 once its owner deleted it)',
    responses: { '200': 'address' },
  },
  'GET /api/v1/access/{tokenId}/profile': {
    operationId: 'getGrantedProfile',
    tag: 'Personal data',
    summary: 'The profile fields a live grant names (grantee only)',
    responses: { '200': '{ fields, profile }' },
  },
};
