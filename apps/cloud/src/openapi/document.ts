import { z } from 'zod';
import { operations } from './operations.ts';

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonObject {
  // The input shape is what a client sends; refinements that JSON Schema cannot say are enforced by the route.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
}

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details with the protocol error code and the field at fault',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    field: { type: 'string' },
    reasons: { type: 'array', items: { type: 'object' } },
  },
};

/** OpenAPI 3.1 generated from the same zod schemas the routes parse with. */
export function openApiDocument(serverUrl: string): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const query = Object.entries(op.query ?? {}).map(([name, description]) => ({
      name,
      in: 'query',
      required: false,
      description,
      schema: { type: 'string' },
    }));
    const responses: Record<string, JsonObject> = {};
    for (const [status, description] of Object.entries(op.responses)) responses[status] = { description };
    responses['4XX'] = {
      description: 'refused',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    const operation: JsonObject = {
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      parameters: [...params, ...query],
      responses,
      ...(op.signed ? { security: [{ httpMessageSignature: [] }], 'x-key-level': op.signed } : {}),
      ...(op.body
        ? {
            requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } },
          }
        : {}),
    };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Token cloud API',
      version: '1',
      description:
        'TokenOS smart tokens and the member directory. Every mutating call is signed with HTTP Message Signatures (RFC 9421) over "@method" "@path" "@query" "content-digest" (RFC 9530), with created, nonce and keyid="<memberId>:<keyId>". Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: problem },
      securitySchemes: {
        httpMessageSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'Signature',
          description: 'RFC 9421 signature by a member key of the level named in x-key-level',
        },
      },
    },
  };
}
