import { accessOperationDocs } from '../access/operation-docs.ts';
import { aliasOperationDocs } from '../aliases/operation-docs.ts';
import { checkoutOperationDocs } from '../checkout/operation-docs.ts';
import { cloudInfoOperationDocs } from '../cloud-info/operation-docs.ts';
import { custodyOperationDocs } from '../custody/operation-docs.ts';
import { directoryOperationDocs } from '../directory/operation-docs.ts';
import type { OperationDocs } from '../http/operation-doc.ts';
import { memberTokenOperationDocs } from '../member-tokens/operation-docs.ts';
import { pairingOperationDocs } from '../pairings/operation-docs.ts';
import { passkeyOperationDocs } from '../passkeys/operation-docs.ts';
import { personalDataOperationDocs } from '../personal-data/operation-docs.ts';
import { tokenRequestOperationDocs } from '../requests/operation-docs.ts';
import { tokenOperationDocs } from '../tokens/operation-docs.ts';
import { transferOperationDocs } from '../transfers/operation-docs.ts';

/** The routes createCloudApp registers itself, and this folder's own. */
const serviceOperationDocs: OperationDocs = {
  'GET /health': {
    operationId: 'getHealth',
    tag: 'Service',
    summary: 'Liveness: answers while the process runs',
    responses: { '200': '{ ok: true }' },
  },
  'GET /openapi.json': {
    operationId: 'getOpenApiDocument',
    tag: 'Service',
    summary: 'This description, OpenAPI 3.1',
    responses: { '200': 'OpenAPI document' },
  },
  'GET /docs': {
    operationId: 'getApiDocsPage',
    tag: 'Service',
    summary: 'The same operations as a readable page',
    responses: { '200': 'HTML' },
  },
};

/**
 * Every feature's operation docs in one map. A route registered without an entry here, or an
 * entry no route serves, fails openapi.test.ts.
 */
export const operationDocs: OperationDocs = {
  ...serviceOperationDocs,
  ...directoryOperationDocs,
  ...passkeyOperationDocs,
  ...custodyOperationDocs,
  ...aliasOperationDocs,
  ...tokenOperationDocs,
  ...transferOperationDocs,
  ...tokenRequestOperationDocs,
  ...accessOperationDocs,
  ...personalDataOperationDocs,
  ...cloudInfoOperationDocs,
  ...memberTokenOperationDocs,
  ...checkoutOperationDocs,
  ...pairingOperationDocs,
};
