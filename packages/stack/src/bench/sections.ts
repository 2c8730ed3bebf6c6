import { canonicalSection } from './canonical.ts';
import { engineSection } from './engines.ts';
import { paymentSection } from './payments.ts';
import { signatureSection } from './signatures.ts';
import { sizeSection } from './sizes.ts';
import type { BenchSection } from './types.ts';

/**
 * Every benchmark section, in the order printed. Add new sections here. Order matters: the payment
 * bound is priced with the signature and engine figures measured before it in the same run.
 */
export const benchSections: BenchSection[] = [
  signatureSection,
  canonicalSection,
  engineSection,
  paymentSection,
  sizeSection,
];
