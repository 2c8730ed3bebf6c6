import { canonicalSection } from './canonical.ts';
import { signatureSection } from './signatures.ts';
import type { BenchSection } from './types.ts';

/** Every benchmark section, in the order printed. Add new sections here. */
export const benchSections: BenchSection[] = [signatureSection, canonicalSection];
