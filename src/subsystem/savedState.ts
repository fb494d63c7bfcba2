import type { ProfileStore } from './profileStore.js';
import type { SavedSessionTable } from './sessionTable.js';
import type { MapiSubsystem } from './types.js';

/**
 * Save and restore a subsystem between calls, for batch work on the compiled engine (the model
 * checker expands each state from its saved copy instead of replaying the calls that led there).
 * Not part of the public API: symbols, so that a wrapper made by spreading a subsystem keeps them.
 */
export const SAVE = Symbol.for('mapi-logon-fsm.save');
export const RESTORE = Symbol.for('mapi-logon-fsm.restore');

/** Everything a subsystem holds between calls, as data; immutable once made. */
export interface SavedSubsystem {
  initCount: number;
  anonymous: number;
  profiles: ReturnType<ProfileStore['save']>;
  sessions: SavedSessionTable;
}

export interface Restorable {
  /** Throws unless the subsystem is idle (no logon, no spooler start) on the compiled engine. */
  [SAVE](): SavedSubsystem;
  /** Back to a state `[SAVE]()` answered on this same subsystem; its handles reach it again. */
  [RESTORE](saved: SavedSubsystem): void;
}

export const isRestorable = (m: MapiSubsystem): m is MapiSubsystem & Restorable =>
  typeof (m as Partial<Restorable>)[SAVE] === 'function' && typeof (m as Partial<Restorable>)[RESTORE] === 'function';
