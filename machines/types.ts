import type { HResultName } from './constants/hresults.js';
export type { HResultName };

export type ProviderKind = 'addressBook' | 'store' | 'transport';
/** C-R2: the order in which provider kinds log on across the whole profile. */
export const PROVIDER_KIND_ORDER: readonly ProviderKind[] = ['addressBook', 'store', 'transport'];

/** What the machines may know of a provider: never its credentials nor its scripted outcomes. */
export interface ProviderDef {
  name: string;
  kind: ProviderKind;
  /** B4: the provider's configuration is complete. */
  configured: boolean;
  /** B2: the provider keeps configuration properties in the profile. */
  storesConfig: boolean;
  /** D-R3: the display name of the identity it supplies, if any. */
  identity?: string | null;
  /** T-R4: it sets STATUS_PRIMARY_IDENTITY on its status row. */
  primaryIdentity?: boolean;
}

export interface ServiceDef {
  name: string;
  providers: ProviderDef[];
}

export interface ProfileDef {
  name: string;
  services: ServiceDef[];
}

// Dialog answers (SPEC section 8).
/** A profile name, or null when the user cancels the picker. */
export type ProfilePickerAnswer = string | null;
export type PasswordAnswer = 'valid' | 'invalid' | 'cancel';
export type ServiceConfigAnswer = 'complete' | 'cancel';
export type ProviderConfigAnswer = 'complete' | 'incomplete' | 'cancel' | 'accidental-cancel';
export type RetryAnswer = 'retry' | 'cancel';
export type DialogKind = 'profilePicker' | 'password' | 'serviceConfig' | 'providerConfig' | 'retry';

/** A11: what the subsystem says of the stored credentials (A-R2: a missing profile cannot validate). */
export type CredentialCheck = 'valid' | 'invalid' | 'noProfile';

export type ProviderState = 'loggedOn' | 'skipped' | 'disabled' | 'notStarted';
/** Who called the provider: MAPILogonEx itself, or the spooler's start after it (C-R2, D2). */
export type ProviderPhase = 'logon' | 'spooler';
/** C-R3, A-R9: whether the session's spooler has been told of it. */
export type SpoolerState = 'told' | 'notTold';

export interface ProviderRecord {
  name: string;
  kind: ProviderKind;
  state: ProviderState;
  /** The provider's last answer; null if it was never called. */
  hr: HResultName | null;
  /** The answer of every attempt, in order (`hr` is the last). */
  hrs: HResultName[];
  /** Who called it, null if it was never called. */
  phase: ProviderPhase | null;
  attempts: number;
  /** One flowchart B path per attempt. */
  paths: string[][];
  /** Configuration as it stands after this session (dialogs may have completed it). */
  configured: boolean;
}

export interface ServiceRecord {
  name: string;
  state: 'enabled' | 'disabled';
  /** C-R5: failures counted for this service in this session. */
  failures: number;
  path: string[];
  providers: ProviderRecord[];
}

/** Inputs of the dialog and call actors, which `.provide()` replaces. */
export interface ProfilePickerInput { profileName: string | null; flags: number }
export interface PasswordInput { profile: string | null }
export interface CredentialsInput { profile: string | null }
export interface ServiceConfigInput {
  /** The live session whose spooler's start shows it (D2); null inside MAPILogonEx. */
  session: string | null;
  profile: string;
  service: string;
  /** Always MSG_SERVICE_CONFIGURE here. */
  context: number;
  /** SERVICE_UI_ALWAYS (C2) or SERVICE_UI_ALLOWED (C4). */
  flags: number;
  node: 'C2' | 'C4';
}
export interface RetryInput { session: string | null; profile: string; service: string; provider: string; hr: HResultName }
export interface ProviderConfigInput { session: string | null; profile: string; service: string; provider: string; kind: ProviderKind; attempt: number }
export interface ProviderCallInput {
  /** The live session whose spooler calls the provider (D2); null inside MAPILogonEx. */
  session: string | null;
  phase: ProviderPhase;
  profile: string;
  service: string;
  provider: ProviderDef;
  /** 1 for the first attempt of this provider in this logon, 2 for its retry. */
  attempt: number;
  uiAllowed: boolean;
  /** AB_NO_DIALOG, MDB_NO_DIALOG or LOGON_NO_DIALOG when UI is not allowed, else 0 (C-R4). */
  noDialogFlag: number;
  /** The flags MAPI passes to the provider's Logon / TransportLogon. */
  logonFlags: number;
}

/** D4: what MAPI tells a provider when it logs off (IABLogon::Logoff, IMSLogon::Logoff, IXPLogon::TransportLogoff). */
export interface ProviderLogoffInput {
  session: string | null;
  profile: string;
  service: string;
  provider: string;
  kind: ProviderKind;
  /** `logoff` (D4, the session ends) or `disabled` (C7, C-R6: the service is disabled). */
  reason: 'logoff' | 'disabled';
}
