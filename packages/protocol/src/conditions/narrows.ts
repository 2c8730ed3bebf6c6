import { ProtocolError } from '../errors.ts';
import { parseAmount } from '../money.ts';
import { haversineMeters } from './geo.ts';
import type { Area, Conditions } from './schema.ts';

/**
 * Margin for floating-point rounding when one circle must lie inside another: haversine in
 * doubles is exact to far better than a millimetre, so refusing children within 1 m of the
 * parent's edge costs nothing and keeps "child inside parent" true for every point.
 */
export const AREA_CONTAINMENT_TOLERANCE_METERS = 1;

export interface NarrowingViolation {
  field: string;
  message: string;
}

export type Narrowing = { narrows: true } | { narrows: false; violations: NarrowingViolation[] };

/**
 * Is `child` at least as strict as `parent` in every dimension? Seed 001, "Sub Member Token":
 * "The limitations must be stricter or the same of the original member token." When this holds,
 * any attempt the child allows the parent allows too, given the same usage (property-tested).
 *
 * Decided conservatively, dimension by dimension, without reasoning across dimensions: a parent
 * restriction must be restated by the child, equal or tighter. A child with only an area does not
 * narrow a parent limited to countries (we do not map circles to borders), nor does a child
 * cumulative limit stand in for a parent per-transaction limit. Returns every violation.
 *
 * How a child's charges count against its parent is not this function's business: see chain.ts.
 */
export function narrows(child: Conditions, parent: Conditions): Narrowing {
  const violations: NarrowingViolation[] = [];
  const add = (field: string, message: string) => violations.push({ field, message });

  const sameCurrency = child.currency === parent.currency;
  if (!sameCurrency)
    add('currency', `expected ${parent.currency} (the parent's currency), got ${child.currency}`);

  if (parent.payees !== undefined) {
    if (child.payees === undefined) {
      add('payees', `expected a subset of ${parent.payees.join(', ')}, got no payee restriction`);
    } else {
      const extra = child.payees.filter((p) => !parent.payees?.includes(p));
      if (extra.length > 0)
        add('payees', `expected a subset of the parent's payees, got extra ${extra.join(', ')}`);
    }
  }

  const parentCountries = parent.locations?.countries;
  if (parentCountries !== undefined) {
    const childCountries = child.locations?.countries;
    if (childCountries === undefined) {
      add(
        'locations.countries',
        `expected a subset of ${parentCountries.join(', ')}, got no country restriction`,
      );
    } else {
      const extra = childCountries.filter((c) => !parentCountries.includes(c));
      if (extra.length > 0) {
        add(
          'locations.countries',
          `expected a subset of the parent's countries, got extra ${extra.join(', ')}`,
        );
      }
    }
  }

  const parentArea = parent.locations?.area;
  if (parentArea !== undefined) {
    const childArea = child.locations?.area;
    if (childArea === undefined) {
      add('locations.area', `expected an area inside ${describeArea(parentArea)}, got no area restriction`);
    } else if (!areaInside(childArea, parentArea)) {
      add(
        'locations.area',
        `expected an area inside ${describeArea(parentArea)}, got ${describeArea(childArea)}`,
      );
    }
  }

  if (sameCurrency) {
    const amountAtMost = (field: string, childValue: string | undefined, parentValue: string | undefined) => {
      if (parentValue === undefined) return;
      if (childValue === undefined) {
        add(field, `expected at most ${parentValue} ${parent.currency}, got no limit`);
        return;
      }
      const c = parseAmount(childValue, child.currency, { field });
      const p = parseAmount(parentValue, parent.currency, { field });
      if (c > p) add(field, `expected at most ${parentValue} ${parent.currency}, got ${childValue}`);
    };
    amountAtMost('maxPerTransaction', child.maxPerTransaction, parent.maxPerTransaction);
    amountAtMost('cumulativeLimit', child.cumulativeLimit, parent.cumulativeLimit);
    parent.periodicLimits?.forEach((p, i) => {
      const c = child.periodicLimits?.find((l) => l.period === p.period);
      if (c === undefined) {
        add(`periodicLimits.${i}`, `expected a ${p.period} limit at most as high as the parent's, got none`);
        return;
      }
      amountAtMost(`periodicLimits.${i}.maxAmount`, c.maxAmount, p.maxAmount);
      countAtMost(`periodicLimits.${i}.maxCount`, c.maxCount, p.maxCount);
    });
  }

  if (
    parent.validFrom !== undefined &&
    (child.validFrom === undefined || child.validFrom < parent.validFrom)
  ) {
    add('validFrom', `expected a start at or after ${parent.validFrom}, got ${child.validFrom ?? 'none'}`);
  }
  if (
    parent.validUntil !== undefined &&
    (child.validUntil === undefined || child.validUntil > parent.validUntil)
  ) {
    add('validUntil', `expected an end at or before ${parent.validUntil}, got ${child.validUntil ?? 'none'}`);
  }

  if (parent.singleUse === true) {
    if (child.singleUse !== true) add('singleUse', 'expected singleUse as the parent has, got none');
  } else if (parent.maxRedemptions !== undefined) {
    // singleUse counts as maxRedemptions 1.
    countAtMost('maxRedemptions', child.singleUse === true ? 1 : child.maxRedemptions, parent.maxRedemptions);
  }

  return violations.length === 0 ? { narrows: true } : { narrows: false, violations };

  function countAtMost(field: string, childValue: number | undefined, parentValue: number | undefined) {
    if (parentValue === undefined) return;
    if (childValue === undefined) add(field, `expected at most ${parentValue}, got no limit`);
    else if (childValue > parentValue) add(field, `expected at most ${parentValue}, got ${childValue}`);
  }
}

/**
 * Every point within the child circle is within the parent circle when the centres' distance plus
 * the child radius is at most the parent radius (triangle inequality on the sphere). With the very
 * same centre, the engine computes the very same distance for both, so radii compare exactly.
 */
function areaInside(child: Area, parent: Area): boolean {
  if (child.lat === parent.lat && child.lon === parent.lon) return child.radiusMeters <= parent.radiusMeters;
  const between = haversineMeters(child, parent);
  return between + child.radiusMeters + AREA_CONTAINMENT_TOLERANCE_METERS <= parent.radiusMeters;
}

function describeArea(a: Area): string {
  return `${a.radiusMeters} m around (${a.lat}, ${a.lon})`;
}

/** narrows(), throwing ProtocolError('ConditionFailed') with every violation in `reasons`. */
export function assertNarrows(child: Conditions, parent: Conditions): void {
  const result = narrows(child, parent);
  if (result.narrows) return;
  const reasons = result.violations.map((v) => ({
    code: 'NotNarrower' as const,
    field: v.field,
    message: v.message,
  }));
  const first = reasons[0];
  throw new ProtocolError(
    'ConditionFailed',
    `sub-token conditions must be at least as strict as the parent's: ${first?.field}: ${first?.message}`,
    { field: first?.field, reasons },
  );
}
