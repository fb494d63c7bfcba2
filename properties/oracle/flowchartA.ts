import {
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_PASSWORD_UI,
  MAPI_USE_DEFAULT,
} from '../../src/constants/flags.js';
import type { HResultName } from '../../src/constants/hresults.js';
import type { CredentialCheck, PasswordAnswer } from '../../machines/types.js';

export interface FlowchartAInput {
  flags: number;
  profileName: string | null;
  sharedProfile: string | null;
  defaultProfile: string | null;
  credentials: (profile: string | null) => CredentialCheck;
  /** The picker's answer; null is a cancel. */
  picker: string | null;
  password: PasswordAnswer;
  /** A-R2: the name a profile was created with, for a name that matches it ignoring case. */
  canonical?: (name: string) => string;
}

export interface FlowchartAResult {
  path: string[];
  hr: HResultName;
  profile: string | null;
  result: 'joinShared' | 'newSession' | null;
}

/**
 * Flowchart A written straight from SPEC section 2 as plain code: the oracle the machine is checked
 * against, and the hand-written baseline of the benchmarks.
 */
export function flowchartA(i: FlowchartAInput): FlowchartAResult {
  const path = ['A1'];
  const end = (hr: HResultName, profile: string | null, result: FlowchartAResult['result'] = null) => ({ path, hr, profile, result });
  if (!(i.flags & MAPI_NEW_SESSION)) {
    path.push('A2');
    if (i.sharedProfile !== null) {
      path.push('A3');
      return end('S_OK', i.sharedProfile, 'joinShared');
    }
  }
  path.push('A4');
  let profile: string | null;
  if (i.profileName !== null && i.profileName !== '') {
    path.push('A5');
    profile = i.canonical ? i.canonical(i.profileName) : i.profileName;
  } else {
    path.push('A6');
    if (i.flags & MAPI_USE_DEFAULT) {
      path.push('A7');
      profile = i.defaultProfile;
    } else {
      path.push('A8');
      if (!(i.flags & MAPI_LOGON_UI)) {
        path.push('A10');
        return end('MAPI_E_LOGON_FAILED', null);
      }
      path.push('A9');
      if (i.picker === null) return end('MAPI_E_USER_CANCEL', null);
      profile = i.picker;
    }
  }
  path.push('A11');
  const check = i.credentials(profile);
  if (check !== 'valid') {
    path.push('A13');
    if (!(i.flags & MAPI_PASSWORD_UI)) {
      path.push('A15');
      return end('MAPI_E_LOGON_FAILED', profile);
    }
    path.push('A14');
    if (i.password === 'cancel') return end('MAPI_E_USER_CANCEL', profile);
    if (i.password === 'invalid' || check === 'noProfile') return end('MAPI_E_LOGON_FAILED', profile);
  }
  path.push('A12');
  return end('S_OK', profile, 'newSession');
}
