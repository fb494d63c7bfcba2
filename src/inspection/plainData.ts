/**
 * Reading values that may come from an app without running its code: no getters, no `toJSON`, no
 * class instances, and a Proxy whose traps throw is simply not data. Every reader answers
 * undefined instead of throwing.
 */

/** A plain object (`{…}` or `Object.create(null)`), not an array, class instance, Error or function. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  try {
    if (Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/** A real array (not array-like, not a subclass). */
export function isPlainArray(value: unknown): value is unknown[] {
  try {
    return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
  } catch {
    return false;
  }
}

/** The own enumerable data properties of a plain object, read once each; accessors are skipped. */
export function dataEntries(value: object, limit: number): [string, unknown][] | undefined {
  try {
    const out: [string, unknown][] = [];
    for (const key of Object.keys(value)) {
      if (out.length >= limit) break;
      const desc = Object.getOwnPropertyDescriptor(value, key);
      if (desc && 'value' in desc) out.push([key, desc.value]);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** The elements of a plain array, up to `limit`, read once each; holes and accessors are skipped. */
export function arrayItems(value: unknown[], limit: number): unknown[] | undefined {
  try {
    const length = Math.min(value.length, limit);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const desc = Object.getOwnPropertyDescriptor(value, i);
      if (desc && 'value' in desc) out.push(desc.value);
    }
    return out;
  } catch {
    return undefined;
  }
}

/** A property of one of our own (xstate) objects, or undefined if reading it throws. */
export function read(value: unknown, key: string): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return undefined;
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}
