import type { SessionContext } from '../../machines/session.js';
import { loggedOnProviders } from '../../machines/session.js';
import type { ProviderKind } from '../../machines/types.js';
import {
  MAPI_AB,
  MAPI_AB_PROVIDER,
  MAPI_SPOOLER,
  MAPI_STORE_PROVIDER,
  MAPI_SUBSYSTEM,
  MAPI_TRANSPORT_PROVIDER,
  STATUS_AVAILABLE,
  STATUS_FAILURE,
} from '../constants/status.js';

export type StatusCode = 'STATUS_AVAILABLE' | 'STATUS_FAILURE';
export type ResourceType =
  | 'MAPI_SUBSYSTEM'
  | 'MAPI_SPOOLER'
  | 'MAPI_AB'
  | 'MAPI_AB_PROVIDER'
  | 'MAPI_STORE_PROVIDER'
  | 'MAPI_TRANSPORT_PROVIDER';

export interface StatusRow {
  /** PR_DISPLAY_NAME (T-R4). */
  name: string;
  kind: 'subsystem' | 'spooler' | 'integratedAddressBook' | ProviderKind;
  /** The provider's message service; null on MAPI's own rows. */
  service: string | null;
  status: StatusCode;
  statusCode: number;
  resourceType: ResourceType;
  resourceTypeValue: number;
  /** PR_RESOURCE_FLAGS has STATUS_PRIMARY_IDENTITY. */
  primaryIdentity: boolean;
}

/** T-R4: the spooler's and the integrated address book's display names are model decisions. */
export const SPOOLER_ROW_NAME = 'MAPI Spooler';
export const ADDRESS_BOOK_ROW_NAME = 'MAPI Address Book';

const RESOURCE_VALUES: Record<ResourceType, number> = {
  MAPI_SUBSYSTEM,
  MAPI_SPOOLER,
  MAPI_AB,
  MAPI_AB_PROVIDER,
  MAPI_STORE_PROVIDER,
  MAPI_TRANSPORT_PROVIDER,
};
const PROVIDER_RESOURCE: Record<ProviderKind, ResourceType> = {
  addressBook: 'MAPI_AB_PROVIDER',
  store: 'MAPI_STORE_PROVIDER',
  transport: 'MAPI_TRANSPORT_PROVIDER',
};

function row(name: string, kind: StatusRow['kind'], service: string | null, status: StatusCode, resourceType: ResourceType, primaryIdentity: boolean): StatusRow {
  return {
    name,
    kind,
    service,
    status,
    statusCode: status === 'STATUS_AVAILABLE' ? STATUS_AVAILABLE : STATUS_FAILURE,
    resourceType,
    resourceTypeValue: RESOURCE_VALUES[resourceType],
    primaryIdentity,
  };
}

/**
 * T-R1…T-R4: the subsystem (named by the profile), the spooler (STATUS_FAILURE while it was never
 * told, T-R2), the integrated address book, then every provider logged on now, in profile order.
 */
export function statusTable(session: Pick<SessionContext, 'profile' | 'services' | 'spooler'>): StatusRow[] {
  const rows = [
    row(session.profile.name, 'subsystem', null, 'STATUS_AVAILABLE', 'MAPI_SUBSYSTEM', false),
    row(SPOOLER_ROW_NAME, 'spooler', null, session.spooler === 'told' ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE', 'MAPI_SPOOLER', false),
    row(ADDRESS_BOOK_ROW_NAME, 'integratedAddressBook', null, 'STATUS_AVAILABLE', 'MAPI_AB', false),
  ];
  for (const { service, provider, def } of loggedOnProviders(session)) {
    rows.push(row(provider.name, provider.kind, service, 'STATUS_AVAILABLE', PROVIDER_RESOURCE[provider.kind], def.primaryIdentity === true));
  }
  return rows;
}
