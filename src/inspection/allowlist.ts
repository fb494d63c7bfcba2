import { isHResultName } from '../../machines/constants/hresults.js';
import { arrayItems, dataEntries, isPlainArray, isPlainObject } from './plainData.js';
import { MODEL_WORDS, fieldKinds, type ValueKind } from './vocabulary.js';

/** A name is shown up to this many characters (profile names are at most 64, V-R3). */
export const MAX_NAME = 128;
/** The longest list or record copied, and the deepest nesting followed (the model's is ~6). */
const MAX_ITEMS = 512;
const MAX_DEPTH = 12;
/** A flowchart node id: A1…A15, B1…B14, C1…C8, D1…D5 and any later letter. */
const NODE_ID = /^[A-Z][0-9]{1,3}$/;

/** Returned for a value that is dropped. */
export const DROP: unique symbol = Symbol('drop');
type Kept = unknown;

function boundedName(value: string): string {
  return value.length > MAX_NAME ? `${value.slice(0, MAX_NAME)}…` : value;
}

/** An actor or session id: xstate's (`x:3`, `service.0`) or the subsystem's (`s1`). */
const ID = /^[A-Za-z0-9_.:#-]{1,64}$/;

/**
 * The names the model was given (profiles, services, providers, identities, clients). When set,
 * a name field shows only those: a string an app's callback returned (a profile picker's answer
 * naming no profile) is not a name the model knows.
 */
export type KnownNames = ReadonlySet<string> | undefined;

function scalar(kinds: ReadonlySet<ValueKind>, value: unknown, names: KnownNames): Kept | typeof DROP {
  switch (typeof value) {
    case 'string':
      if (kinds.has('hr') && isHResultName(value)) return value;
      if (kinds.has('word') && MODEL_WORDS.has(value)) return value;
      if (kinds.has('node') && NODE_ID.test(value)) return value;
      if (kinds.has('id') && ID.test(value)) return value;
      if (kinds.has('name') && (names === undefined || names.has(value))) return boundedName(value);
      return DROP;
    case 'number':
      return kinds.has('number') && Number.isFinite(value) ? value : DROP;
    case 'boolean':
      return kinds.has('boolean') ? value : DROP;
    default:
      return DROP;
  }
}

/**
 * A fresh copy of `value` holding only what `kinds` allow: scalars of those kinds, arrays of
 * them, and (for 'object') plain records filtered field by field. Anything else, an app's class
 * instance, Error, function or Proxy included, is dropped.
 */
export function allowValue(kinds: ReadonlySet<ValueKind>, value: unknown, names?: KnownNames, depth = 0): Kept | typeof DROP {
  if (value === null) return null;
  if (depth > MAX_DEPTH) return DROP;
  if (typeof value === 'object') {
    if (isPlainArray(value)) {
      const items = arrayItems(value, MAX_ITEMS);
      if (!items) return DROP;
      const out: unknown[] = [];
      for (const item of items) {
        const kept = allowValue(kinds, item, names, depth + 1);
        if (kept !== DROP) out.push(kept);
      }
      return out;
    }
    if (kinds.has('object') && isPlainObject(value)) return allowRecord(value, names, depth + 1);
    return DROP;
  }
  return scalar(kinds, value, names);
}

/** A fresh plain record of the allowlisted fields of `value` (a plain object; else empty). */
export function allowRecord(value: unknown, names?: KnownNames, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > MAX_DEPTH || !isPlainObject(value)) return out;
  for (const [field, v] of dataEntries(value, MAX_ITEMS) ?? []) {
    const kinds = fieldKinds(field);
    if (!kinds) continue;
    const kept = allowValue(kinds, v, names, depth);
    if (kept !== DROP) out[field] = kept;
  }
  return out;
}
