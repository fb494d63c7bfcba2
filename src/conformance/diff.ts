export interface Difference {
  path: string;
  expected: unknown;
  actual: unknown;
}

/**
 * The first place two JSON-like values differ: its path (`services[0].state`) and both sides.
 * With `atLeast`, keys only `actual` has are no difference (SPEC section 8 lists the fields a result
 * has "at least": an implementation may add its own); arrays must match in length either way.
 */
export function firstDifference(expected: unknown, actual: unknown, path = '', atLeast = false): Difference | null {
  if (Object.is(expected, actual)) return null;
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return { path: path || '(value)', expected, actual };
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`, atLeast);
      if (d) return d;
    }
    return null;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = atLeast ? Object.keys(e) : new Set([...Object.keys(e), ...Object.keys(a)]);
  for (const key of keys) {
    const d = firstDifference(e[key], a[key], path ? `${path}.${key}` : key, atLeast);
    if (d) return d;
  }
  return null;
}
