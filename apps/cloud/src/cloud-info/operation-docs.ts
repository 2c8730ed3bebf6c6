import type { OperationDocs } from '../http/operation-doc.ts';

/** The cloud's keys: how /openapi.json describes the routes in this folder. */
export const cloudInfoOperationDocs: OperationDocs = {
  'GET /api/v1/cloud/keys': {
    operationId: 'getCloudKeys',
    tag: 'Cloud',
    summary: "The cloud's public signing keys (results, connector calls)",
    responses: { '200': '{ keys }' },
  },
};
