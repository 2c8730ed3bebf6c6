import type { SignatureBackend } from './signature.ts';
import { nobleBackend } from './signature-noble.ts';

// The process-wide default backend. Browsers keep noble; a server swaps in the node:crypto backend
// once at start-up (`setSignatureBackend(nodeBackend)`), and code that takes no explicit backend
// uses whichever is set.
let current: SignatureBackend = nobleBackend;

export function getSignatureBackend(): SignatureBackend {
  return current;
}

/** Sets the default backend and returns the previous one (so tests can put it back). */
export function setSignatureBackend(backend: SignatureBackend): SignatureBackend {
  const previous = current;
  current = backend;
  return previous;
}
