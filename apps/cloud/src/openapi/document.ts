import {
  coveredComponents,
  errorCodes,
  maxSignatureAgeSeconds,
  maxSignatureFutureSeconds,
} from '@tokenos/protocol';
import { idempotencyKeyHeader, idempotentReplayedHeader } from '@tokenos/service-kit';
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import type { OperationDoc, OperationDocs } from '../http/operation-doc.ts';
import { operationDocs } from './operation-docs.ts';
import { type ServedOperation, servedOperations } from './served-routes.ts';

type JsonObject = Record<string, unknown>;

export interface DocumentedOperation extends ServedOperation {
  doc: OperationDoc;
}

/**
 * The served operations joined with their docs, and what is left on either side: routes nobody
 * described (`undocumented`) and descriptions of routes nobody serves (`unserved`), both as
 * "METHOD /path". The document holds only the joined ones; the test requires both leftovers empty.
 */
export function documentedOperations(
  routes: readonly RouterRoute[],
  docs: OperationDocs = operationDocs,
): { operations: DocumentedOperation[]; undocumented: string[]; unserved: string[] } {
  const served = servedOperations(routes);
  const servedKeys = new Set(served.map((op) => `${op.method} ${op.path}`));
  const operations: DocumentedOperation[] = [];
  const undocumented: string[] = [];
  for (const op of served) {
    const doc = docs[`${op.method} ${op.path}` as keyof OperationDocs];
    if (doc) operations.push({ ...op, doc });
    else undocumented.push(`${op.method} ${op.path}`);
  }
  const unserved = Object.keys(docs).filter((key) => !servedKeys.has(key));
  return { operations, undocumented, unserved };
}

function jsonSchema(schema: z.ZodType): JsonObject {
  // The input shape is what a client sends; refinements that JSON Schema cannot say are enforced by the route.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
}

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details with the error code and the field at fault',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string', description: 'for logs; show people words chosen by code' },
    code: { type: 'string', enum: [...errorCodes] },
    field: { type: 'string' },
    reasons: { type: 'array', items: { type: 'object' } },
    expected: { description: 'what the failed check wanted, when small and plain' },
    actual: { description: 'what the failed check found, when small and plain' },
    reason: {
      type: 'string',
      pattern: '^[A-Z0-9]{4}$',
      description: "BankRefused: the bank's ISO 20022 ExternalStatusReason1Code, e.g. AM04",
    },
  },
};

const tagDescriptions: Record<string, string> = {
  Service: 'Liveness and this description',
  Directory: 'Members, their keys and aliases as a hash-chained, self-signed operation log',
  Passkeys: 'WebAuthn passkeys a member lists in the directory',
  Aliases: 'Email, phone and domain aliases: verification and lookup',
  Custody: "Members a merchant creates on a customer's behalf, until the customer claims them",
  Tokens: 'Transfer and access tokens: creation, endorsement, cancellation',
  Transfers: 'Redeeming transfer tokens at the payer’s bank',
  'Token requests': 'A merchant or AISP asks a wallet for a token',
  'Account information': 'Account reads under a live access grant',
  'Personal data': 'Profiles and address books, and what grants share of them',
  Cloud: "The cloud's own signing keys",
  'Member tokens': 'OpenToken member tokens (JWT and 58-byte format)',
  Checkout: 'The drop-in checkout widget',
};

// RFC 9421 has no security scheme type in OpenAPI 3.1; `http` with this description and the
// x-http-message-signatures extension is the usual stand-in. It is not an Authorization header.
const httpMessageSignature = {
  type: 'http',
  scheme: 'signature',
  description: [
    'HTTP Message Signatures (RFC 9421), not an Authorization scheme: OpenAPI 3.1 has no type for them.',
    'A signed request carries three headers:',
    '`Content-Digest` (RFC 9530, `sha-256` of the body bytes, also for an empty body);',
    `\`Signature-Input: sig1=(${coveredComponents.map((c) => `"${c}"`).join(' ')});created=<unix seconds>;nonce="<16-64 base64url chars, never reused>";keyid="<memberId>:<keyId>";alg="ed25519"|"ecdsa-p256-sha256"\`;`,
    '`Signature: sig1=:<base64 signature>:`.',
    `\`created\` may be at most ${maxSignatureAgeSeconds} s old and ${maxSignatureFutureSeconds} s ahead.`,
    'The key must be listed, unexpired, in the member directory at the level the operation names in `x-key-level` or higher;',
    'custody claims are signed by the claimer’s new key instead, keyid `claimant:<keyId>`.',
  ].join(' '),
  'x-http-message-signatures': {
    label: 'sig1',
    headers: ['Signature', 'Signature-Input', 'Content-Digest'],
    coveredComponents,
    parameters: ['created', 'nonce', 'keyid', 'alg'],
    keyid: '<memberId>:<keyId>',
    algorithms: ['ed25519', 'ecdsa-p256-sha256'],
    maxAgeSeconds: maxSignatureAgeSeconds,
  },
};

// draft-ietf-httpapi-idempotency-key-header, on every POST (service-kit idempotency.ts).
const idempotencyKeyParameter = {
  name: idempotencyKeyHeader,
  in: 'header',
  required: false,
  description: [
    'Makes a retry safe: for 24 hours the same key with the same method, path and body gets the first answer again',
    `(with \`${idempotentReplayedHeader}: true\`) instead of running twice, also when the retry repeats the signed request byte for byte.`,
    'The same key with another body is refused with 422 `IdempotencyKeyReused`; while the first request runs, 409 `IdempotencyKeyInUse`.',
    'Keys are scoped by the signing member (custody claims: by the claimer’s key). 5xx and 429 answers are not kept, so their retry runs again.',
    'A quoted string (RFC 8941 sf-string) or a bare token, 1 to 255 visible ASCII characters; a UUID per logical operation is usual.',
  ].join(' '),
  schema: { type: 'string', minLength: 1 },
  example: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
};

function security(op: DocumentedOperation): JsonObject {
  if (op.level)
    return {
      security: [{ httpMessageSignature: [] }],
      'x-key-level': op.level,
      description: `Signed (RFC 9421) with a member key of level ${op.level} or higher.`,
    };
  if (op.doc.claimantSigned)
    return {
      security: [{ httpMessageSignature: [] }],
      'x-keyid': 'claimant:<keyId>',
      description: 'Signed (RFC 9421) with the claimer’s new key, keyid `claimant:<keyId>`.',
    };
  return { security: [] };
}

function operationObject(op: DocumentedOperation): JsonObject {
  const { doc } = op;
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = Object.entries(doc.query ?? {}).map(([name, description]) => ({
    name,
    in: 'query',
    required: doc.requiredQuery?.includes(name) ?? false,
    description,
    schema: { type: 'string' },
  }));
  const responses: Record<string, JsonObject> = {};
  for (const [status, description] of Object.entries(doc.responses)) responses[status] = { description };
  responses['4XX'] = {
    description: 'refused',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    ...security(op),
    // The doc's own words first; the signature line security() adds follows them.
    ...(doc.description
      ? { description: [doc.description, security(op).description].filter(Boolean).join('\n\n') }
      : {}),
    parameters: [
      ...params,
      ...query,
      ...(op.method === 'POST' && op.path.startsWith('/api/')
        ? [{ $ref: '#/components/parameters/IdempotencyKey' }]
        : []),
    ],
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(doc.body) } } } }
      : {}),
    responses,
  };
}

/**
 * OpenAPI 3.1 for the routes the app registered (`app.routes`), each described by its feature's
 * operation docs; request bodies from the same zod schemas the routes parse with.
 */
export function openApiDocument(serverUrl: string, routes: readonly RouterRoute[]): JsonObject {
  const { operations } = documentedOperations(routes);
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationObject(op);
  }
  const tags = [...new Set(operations.map((op) => op.doc.tag))].map((name) => ({
    name,
    description: tagDescriptions[name] ?? name,
  }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Token cloud API',
      version: '1',
      description:
        'TokenOS smart tokens and the member directory. Every mutating call is signed with HTTP Message Signatures (RFC 9421), see the httpMessageSignature scheme. Errors are RFC 9457 problem+json.',
      // The repository declares no licence yet; this says so rather than inventing one.
      license: { name: 'UNLICENSED: no licence granted' },
    },
    servers: [{ url: serverUrl, description: 'this cloud (its configured public URL)' }],
    tags,
    paths,
    components: {
      schemas: { Problem: problem },
      parameters: { IdempotencyKey: idempotencyKeyParameter },
      securitySchemes: { httpMessageSignature },
    },
  };
}
