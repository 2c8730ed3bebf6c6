import { ProtocolError } from '../errors.ts';
import type { Attempt } from './attempt.ts';
import { conditionFailedError, evaluate, type Violation } from './evaluate.ts';
import type { Conditions } from './schema.ts';
import { recordUsage, type Usage } from './usage.ts';

/**
 * Sub-tokens (seed 001, "Sub Member Token"): a merchant derives a stricter token for a
 * sub-merchant, which may derive another, and so on. How a child's charge counts against its
 * parent: a charge through a sub-token IS a charge on every ancestor. Each level keeps its own
 * usage; the caller evaluates the attempt against every level with that level's usage
 * (evaluateChain) and, if all allow it, records it at every level (recordChainUsage), in one
 * database transaction.
 *
 * So a parent's cumulative, periodic and redemption limits bound the sum of everything charged
 * through it, directly or through any descendant: two sibling sub-tokens, each narrower than the
 * parent, cannot together spend more than the parent allows. narrows() alone could not promise
 * that, since each sibling's usage only counts its own charges.
 */
export interface ChainLevel {
  conditions: Conditions;
  usage: Usage;
}

/** A violation and the chain level it happened at (0 = the root token). */
export type ChainViolation = Violation & { level: number };

export type ChainEvaluation = { allowed: true } | { allowed: false; violations: ChainViolation[] };

function assertNonEmpty(chain: readonly ChainLevel[]): void {
  if (chain.length === 0) {
    throw new ProtocolError('Malformed', 'chain: expected the root token and its descendants, got no level', {
      field: 'chain',
    });
  }
}

/**
 * Evaluates `attempt` at every level of `chain`, ordered from the root token (index 0) to the
 * token being charged (last). Returns every violation of every level, each tagged with its level.
 */
export function evaluateChain(chain: readonly ChainLevel[], attempt: Attempt, now: number): ChainEvaluation {
  assertNonEmpty(chain);
  const violations: ChainViolation[] = [];
  chain.forEach((level, index) => {
    const result = evaluate(level.conditions, level.usage, attempt, now);
    if (!result.allowed) for (const v of result.violations) violations.push({ ...v, level: index });
  });
  return violations.length === 0 ? { allowed: true } : { allowed: false, violations };
}

/** evaluateChain(), throwing ProtocolError('ConditionFailed') with every violation in `reasons`. */
export function assertChainAllowed(chain: readonly ChainLevel[], attempt: Attempt, now: number): void {
  const result = evaluateChain(chain, attempt, now);
  if (!result.allowed) throw conditionFailedError(result.violations);
}

/** The usage of every level after an allowed `attempt`, in chain order. */
export function recordChainUsage(chain: readonly ChainLevel[], attempt: Attempt, now: number): Usage[] {
  assertNonEmpty(chain);
  return chain.map((level) => recordUsage(level.conditions, level.usage, attempt, now));
}
