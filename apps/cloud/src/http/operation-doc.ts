import type { z } from 'zod';

/**
 * What the API description says about one served route, declared in the route's own feature
 * folder. Which routes exist and which key level each demands are read from the registered
 * routes themselves (see served-routes.ts), so this holds only what a route cannot say.
 */
export interface OperationDoc {
  operationId: string;
  tag: string;
  summary: string;
  /** What a reader should know beyond the summary: what the operation reveals, its limits. */
  description?: string;
  /** The request body schema, the same one the route parses. */
  body?: z.ZodType;
  /** Query parameters: name to description. */
  query?: Record<string, string>;
  /** The query parameters a request must carry; the rest are optional. */
  requiredQuery?: readonly string[];
  /** Status to description; problem+json 4XX answers are added to every operation. */
  responses: Record<string, string>;
  /**
   * Signed, but checked inside the handler with a key the directory does not hold yet: the
   * claimer's new key, keyid "claimant:<keyId>" (custody claims).
   */
  claimantSigned?: true;
}

/** Keyed by method and path as served, in OpenAPI's template form: `POST /api/v1/tokens/{tokenId}/endorse`. */
export type OperationDocs = Record<`${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`, OperationDoc>;
