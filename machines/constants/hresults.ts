/** HRESULTs the model uses (mapicode.h, winerror.h); MAKE_MAPI_E(x) = 0x80040000 | x. */
export const HRESULTS = {
  S_OK: 0x00000000,
  MAPI_W_NO_SERVICE: 0x00040203,
  MAPI_W_ERRORS_RETURNED: 0x00040380,
  MAPI_E_CALL_FAILED: 0x80004005,
  MAPI_E_INVALID_PARAMETER: 0x80070057,
  MAPI_E_NO_SUPPORT: 0x80040102,
  MAPI_E_UNKNOWN_FLAGS: 0x80040106,
  MAPI_E_BUSY: 0x8004010b,
  MAPI_E_INVALID_OBJECT: 0x80040108,
  MAPI_E_NOT_FOUND: 0x8004010f,
  MAPI_E_VERSION: 0x80040110,
  MAPI_E_LOGON_FAILED: 0x80040111,
  MAPI_E_SESSION_LIMIT: 0x80040112,
  MAPI_E_USER_CANCEL: 0x80040113,
  MAPI_E_NETWORK_ERROR: 0x80040115,
  MAPI_E_EXTENDED_ERROR: 0x80040119,
  MAPI_E_UNCONFIGURED: 0x8004011c,
  MAPI_E_FAILONEPROVIDER: 0x8004011d,
  MAPI_E_UNKNOWN_CPID: 0x8004011e,
  MAPI_E_UNKNOWN_LCID: 0x8004011f,
  MAPI_E_PASSWORD_CHANGE_REQUIRED: 0x80040120,
  MAPI_E_PASSWORD_EXPIRED: 0x80040121,
  MAPI_E_TIMEOUT: 0x80040401,
  MAPI_E_NOT_INITIALIZED: 0x80040605,
} as const;

export type HResultName = keyof typeof HRESULTS;
export const HRESULT_NAMES = Object.keys(HRESULTS) as HResultName[];

// Keyed by the exact values: a lookup of anything else (2**32, -1, 1.5, '0') finds nothing, so
// nothing is folded onto a known HRESULT.
const nameByValue = new Map<unknown, HResultName>(
  HRESULT_NAMES.map((name) => [HRESULTS[name], name]),
);

export function isHResultName(value: unknown): value is HResultName {
  return typeof value === 'string' && Object.hasOwn(HRESULTS, value);
}

/** C-R10: an HRESULT value is an integer 0…0xFFFFFFFF; anything else (2**32, -1, 1.5) is not one. */
export function isHResultValue(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

/** The name of a known HRESULT value, or undefined (never folded: 2**32 is not S_OK). */
export function hresultName(value: number): HResultName | undefined {
  return nameByValue.get(value);
}

/** The severity bit: an error. S_OK and warnings (MAPI_W_*) have it clear (C-R5). */
export function isFailure(name: HResultName): boolean {
  return (HRESULTS[name] & 0x80000000) !== 0;
}

/**
 * A provider's answer as an HRESULT name, or undefined when it is not one we know
 * (C-R10 turns that into MAPI_E_CALL_FAILED).
 */
export function toHResultName(answer: unknown): HResultName | undefined {
  return isHResultName(answer) ? answer : nameByValue.get(answer);
}

/** `{ hr, hrValue }` as every result reports it. */
export function hresult(name: HResultName): { hr: HResultName; hrValue: number } {
  return { hr: name, hrValue: HRESULTS[name] };
}
