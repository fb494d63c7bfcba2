/** The closed vocabularies of the scenario format (SPEC section 8). */
export const PROVIDER_KINDS = ['addressBook', 'store', 'transport'] as const;
export const CREDENTIALS = ['valid', 'invalid'] as const;
export const PASSWORD_ANSWERS = ['valid', 'invalid', 'cancel'] as const;
export const SERVICE_CONFIG_ANSWERS = ['complete', 'cancel'] as const;
export const PROVIDER_CONFIG_ANSWERS = ['complete', 'incomplete', 'cancel', 'accidental-cancel'] as const;
export const RETRY_ANSWERS = ['retry', 'cancel'] as const;
export const OPS = ['initialize', 'uninitialize', 'logon', 'logoff', 'statusTable', 'queryIdentity'] as const;
/** V-R3: the longest profile name MAPILogonEx takes. */
export const MAX_PROFILE_NAME = 64;
