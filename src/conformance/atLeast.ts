/**
 * The first place where `actual` lacks or changes something `expected` has (its path and both
 * sides). SPEC section 8 lists the fields a result has "at least": an implementation may add
 * fields of its own, so keys only `actual` has are not differences; arrays must match in length.
 */
export function firstMissingOrDifferent(expected: unknown, actual: unknown, path = ''): { path: string; expected: unknown; actual: unknown } | null {
  if (Object.is(expected, actual)) return null;
  const isObj = (v: unknown) => typeof v === 'object' && v !== null;
  if (!isObj(expected) || !isObj(actual) || Array.isArray(expected) !== Array.isArray(actual)) {
    return { path: path || '(value)', expected, actual };
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const d = firstMissingOrDifferent(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const a = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected as Record<string, unknown>)) {
    const d = firstMissingOrDifferent(value, a[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return null;
}
