import { arrayItems, dataEntries, isPlainArray, isPlainObject } from './plainData.js';

/**
 * Fields that name something the model was given: a profile, service or provider (its
 * definition), an identity, a client. `profileName` is not one: it is what the caller asked
 * for, and it may name no profile.
 */
const NAMING = new Set(['name', 'profile', 'defaultProfile', 'identity', 'display', 'client']);
const MAX_NAMES = 4096;

/**
 * Adds to `names` the names in `value`: a root actor's input (the profiles the subsystem hands a
 * logon) or an event the subsystem sent (a client joining a session). App callbacks' answers are
 * never read here.
 */
export function learnNames(names: Set<string>, value: unknown, depth = 0): void {
  if (depth > 12 || names.size >= MAX_NAMES) return;
  if (isPlainArray(value)) {
    for (const item of arrayItems(value, 1024) ?? []) learnNames(names, item, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, v] of dataEntries(value, 256) ?? []) {
    if (typeof v === 'string') {
      if (NAMING.has(key)) names.add(v);
    } else if (key !== 'profileName') {
      learnNames(names, v, depth + 1);
    }
  }
}

/** The names known in each actor system (by root id); the oldest systems are forgotten first. */
export class NamesByRoot {
  private readonly roots = new Map<string, Set<string>>();
  constructor(private readonly limit = 1024) {}

  of(rootId: string): Set<string> {
    let names = this.roots.get(rootId);
    if (!names) {
      names = new Set();
      this.roots.set(rootId, names);
      if (this.roots.size > this.limit) this.roots.delete(this.roots.keys().next().value!);
    }
    return names;
  }
}
