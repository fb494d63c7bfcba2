import { MAPI_NO_MAIL } from '../constants/flags.js';
import type { ProviderKind } from '../../machines/types.js';
import type { SessionEntry } from './sessionTable.js';

export type StatusCode = 'STATUS_AVAILABLE' | 'STATUS_FAILURE';

export interface StatusRow {
  name: string;
  kind: 'subsystem' | 'spooler' | ProviderKind;
  status: StatusCode;
}

export const SUBSYSTEM_ROW_NAME = 'MAPI Subsystem';
export const SPOOLER_ROW_NAME = 'MAPI Spooler';

/**
 * T-R1..T-R3: the subsystem, the spooler, then every provider in profile order. A provider that
 * never started because of MAPI_NO_MAIL has no row; the spooler then is STATUS_FAILURE.
 */
export function statusTable(session: SessionEntry): StatusRow[] {
  const noMail = (session.flags & MAPI_NO_MAIL) !== 0;
  const rows: StatusRow[] = [
    { name: SUBSYSTEM_ROW_NAME, kind: 'subsystem', status: 'STATUS_AVAILABLE' },
    { name: SPOOLER_ROW_NAME, kind: 'spooler', status: noMail ? 'STATUS_FAILURE' : 'STATUS_AVAILABLE' },
  ];
  for (const service of session.services) {
    for (const p of service.providers) {
      if (noMail && p.kind === 'transport') continue;
      rows.push({ name: p.name, kind: p.kind, status: p.state === 'loggedOn' ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE' });
    }
  }
  return rows;
}
