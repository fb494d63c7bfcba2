import type { DialogKind } from '../../machines/types.js';
import type { HResultName } from '../constants/hresults.js';
import type { Profile } from '../schema/profiles.js';
import type { LogonCall } from '../schema/scenario.js';
import type { MapiDialogs, ProviderLogonContext } from '../subsystem/createMapiSubsystem.js';
import { providerKey } from '../subsystem/profileStore.js';

/**
 * The scenario's providers: each answers its `outcomes` in turn, one each time it passes flowchart
 * B, counted over the whole scenario; the last one repeats (SPEC 8).
 */
export function scriptedProviders(profiles: readonly Profile[]) {
  const outcomes = new Map<string, readonly HResultName[]>();
  const taken = new Map<string, number>();
  for (const p of profiles) {
    for (const s of p.services) {
      for (const pr of s.providers) if (pr.outcomes?.length) outcomes.set(providerKey(p.name, s.name, pr.name), pr.outcomes as HResultName[]);
    }
  }
  return (ctx: ProviderLogonContext): HResultName => {
    const key = providerKey(ctx.profile, ctx.service, ctx.provider);
    // No outcomes, or an empty list: S_OK every time (SPEC 8's default).
    const list = outcomes.get(key) ?? ['S_OK'];
    const n = taken.get(key) ?? 0;
    taken.set(key, n + 1);
    return list[Math.min(n, list.length - 1)]!;
  };
}

/** The answers of the logon being run, each list consumed in order; none left means cancel. */
export function scriptedDialogs() {
  let queues: Partial<Record<DialogKind, string[]>> = {};
  const next = (kind: DialogKind) => queues[kind]?.shift() ?? 'cancel';
  const dialogs: MapiDialogs = {
    profilePicker: () => next('profilePicker'),
    password: () => next('password'),
    serviceConfig: () => next('serviceConfig'),
    providerConfig: () => next('providerConfig'),
    retry: () => next('retry'),
  };
  return {
    dialogs,
    /** Loads the answers of the next logon call. */
    load(answers: LogonCall['answers']) {
      queues = structuredClone(answers) as Partial<Record<DialogKind, string[]>>;
    },
  };
}
