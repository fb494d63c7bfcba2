import type { ProfileInput } from '../../src/arbitraries/types.js';
import type { LiveSessionState } from '../../src/subsystem/createMapiSubsystem.js';

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

const RESOURCE = {
  subsystem: ['MAPI_SUBSYSTEM', 39],
  spooler: ['MAPI_SPOOLER', 37],
  integratedAddressBook: ['MAPI_AB', 34],
  addressBook: ['MAPI_AB_PROVIDER', 35],
  store: ['MAPI_STORE_PROVIDER', 33],
  transport: ['MAPI_TRANSPORT_PROVIDER', 36],
} as const;

const row = (name: string, kind: keyof typeof RESOURCE, service: string | null, available: boolean, primaryIdentity: boolean) => ({
  name,
  kind,
  service,
  status: available ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE',
  statusCode: available ? 1 : 4,
  resourceType: RESOURCE[kind][0],
  resourceTypeValue: RESOURCE[kind][1],
  primaryIdentity,
});

/** T-R1…T-R4 written from SPEC section 6: MAPI's three rows, then one per logged-on provider. */
export function expectedStatusRows(profile: ProfileInput, session: LiveSessionState) {
  return [
    row(profile.name, 'subsystem', null, true, false),
    row('MAPI Spooler', 'spooler', null, session.spooler === 'told', false),
    row('MAPI Address Book', 'integratedAddressBook', null, true, false),
    ...loggedOnInProfileOrder(profile, session).map((p) => row(p.name, p.kind, p.service, true, p.primaryIdentity)),
  ];
}
