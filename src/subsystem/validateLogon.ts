import { LOGON_FLAGS, MAPI_LOGON_UI, MAPI_PASSWORD_UI } from '../constants/flags.js';
import type { HResultName } from '../constants/hresults.js';
import { unknownBits } from '../constants/parseFlags.js';
import { MAX_PROFILE_NAME } from '../schema/names.js';

export interface LogonCheck {
  initialized: boolean;
  flags: number;
  profileName: string | null;
  password: string | null;
  clientHoldsSession: boolean;
}

/**
 * The checks before A1, in SPEC's order: S-R1, V-R1..V-R4, then S-R4. Returns the HRESULT of the
 * first that fails, or null; a failed check changes nothing.
 */
export function validateLogon(c: LogonCheck): HResultName | null {
  if (!c.initialized) return 'MAPI_E_NOT_INITIALIZED';
  if (unknownBits(c.flags, LOGON_FLAGS) !== 0) return 'MAPI_E_UNKNOWN_FLAGS';
  if ((c.flags & MAPI_LOGON_UI) !== 0 && (c.flags & MAPI_PASSWORD_UI) !== 0) return 'MAPI_E_INVALID_PARAMETER';
  if (c.profileName !== null && c.profileName.length > MAX_PROFILE_NAME) return 'MAPI_E_INVALID_PARAMETER';
  if (c.password !== null) return 'MAPI_E_INVALID_PARAMETER';
  if (c.clientHoldsSession) return 'MAPI_E_INVALID_PARAMETER';
  return null;
}
