import type { ProfileInput } from '../../src/arbitraries/types.js';
import type { LiveSessionState } from '../../src/subsystem/createMapiSubsystem.js';
import { expectedStatusRows as checkerStatusRows } from '../../src/checker/invariants.js';
import { profilesSchema } from '../../src/schema/profiles.js';

/** A provider that is logged on now, with what its definition says of its identity. */
export interface LoggedOnProvider {
  service: string;
  name: string;
  kind: 'addressBook' | 'store' | 'transport';
  identity: string | null;
  primaryIdentity: boolean;
}

/** T-R1, T-R3: the providers with a status row: logged on now, services in profile order, providers in order. */
export function loggedOnInProfileOrder(profile: ProfileInput, session: LiveSessionState): LoggedOnProvider[] {
  return profile.services.flatMap((def) => {
    const record = session.services.find((x) => x.name === def.name);
    return def.providers.flatMap((p) => {
      const state = record?.providers.find((x) => x.name === p.name)?.state;
      if (state !== 'loggedOn') return [];
      return [{ service: def.name, name: p.name, kind: p.kind, identity: p.identity ?? null, primaryIdentity: p.primaryIdentity ?? false }];
    });
  });
}

/** T-R1…T-R4 written from SPEC section 6 — the checker's oracle, shared (issue 14: one module of invariants). */
export function expectedStatusRows(profile: ProfileInput, session: LiveSessionState) {
  return checkerStatusRows(session, profilesSchema.parse([profile])[0]);
}
