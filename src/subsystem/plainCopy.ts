/**
 * A deep copy of plain data (arrays, plain objects, primitives) — what `state()` hands out. Several
 * times faster than structuredClone on these small records, which the model checker reads after
 * every call.
 */
export function plainCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = plainCopy((value as Record<string, unknown>)[key]);
  return out as T;
}
