import { firstDifference, type Difference } from './diff.js';

/**
 * The first place where `actual` lacks or changes something `expected` has: keys only `actual`
 * has are not differences (SPEC section 8's "at least"); arrays must match in length.
 */
export function firstMissingOrDifferent(expected: unknown, actual: unknown, path = ''): Difference | null {
  return firstDifference(expected, actual, path, true);
}
