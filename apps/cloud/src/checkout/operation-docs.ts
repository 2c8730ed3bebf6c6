import type { OperationDocs } from '../http/operation-doc.ts';

/** The checkout widget: how /openapi.json describes the routes in this folder. */
export const checkoutOperationDocs: OperationDocs = {
  'GET /checkout/v1/checkout.js': {
    operationId: 'getCheckoutScript',
    tag: 'Checkout',
    summary: 'The drop-in widget (script-tag build), immutable, CORS *',
    responses: { '200': 'JavaScript', '503': 'widget not built' },
  },
  'GET /checkout/v1/words/{locale}': {
    operationId: 'getCheckoutWords',
    tag: 'Checkout',
    summary: "The widget's words in one language (en, de, fr, es, it, nl, pl), CORS *",
    responses: { '200': '{ pay, connect, hint, opening, waiting, … }' },
  },
  'GET /checkout/v1/sri.json': {
    operationId: 'getCheckoutIntegrity',
    tag: 'Checkout',
    summary: 'The Subresource Integrity hash of checkout.js',
    responses: { '200': '{ integrity }' },
  },
};
