/** MAPILogonEx flags (mapix.h). */
export const MAPI_LOGON_UI = 0x00000001;
export const MAPI_NEW_SESSION = 0x00000002;
export const MAPI_ALLOW_OTHERS = 0x00000008;
export const MAPI_EXPLICIT_PROFILE = 0x00000010;
export const MAPI_EXTENDED = 0x00000020;
export const MAPI_USE_DEFAULT = 0x00000040;
export const MAPI_FORCE_DOWNLOAD = 0x00001000;
export const MAPI_SERVICE_UI_ALWAYS = 0x00002000;
export const MAPI_NO_MAIL = 0x00008000;
export const MAPI_NT_SERVICE = 0x00010000;
export const MAPI_PASSWORD_UI = 0x00020000;
export const MAPI_TIMEOUT_SHORT = 0x00100000;
export const MAPI_BG_SESSION = 0x00200000;
export const MAPI_UNICODE = 0x80000000;

export const LOGON_FLAGS = {
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_ALLOW_OTHERS,
  MAPI_EXPLICIT_PROFILE,
  MAPI_EXTENDED,
  MAPI_USE_DEFAULT,
  MAPI_FORCE_DOWNLOAD,
  MAPI_SERVICE_UI_ALWAYS,
  MAPI_NO_MAIL,
  MAPI_NT_SERVICE,
  MAPI_PASSWORD_UI,
  MAPI_TIMEOUT_SHORT,
  MAPI_BG_SESSION,
  MAPI_UNICODE,
} as const;
export type LogonFlagName = keyof typeof LOGON_FLAGS;

/** IMAPISession::Logoff flags (mapix.h). */
export const MAPI_LOGOFF_SHARED = 0x00000001;
export const MAPI_LOGOFF_UI = 0x00000002;
export const LOGOFF_FLAGS = { MAPI_LOGOFF_SHARED, MAPI_LOGOFF_UI } as const;
export type LogoffFlagName = keyof typeof LOGOFF_FLAGS;

/** ServiceEntry / ConfigureMsgService flags and contexts (mapispi.h). */
export const SERVICE_UI_ALWAYS = 0x00000002;
export const UI_CURRENT_PROVIDER_FIRST = 0x00000004;
export const MSG_SERVICE_UI_READ_ONLY = 0x00000008;
export const SERVICE_UI_ALLOWED = 0x00000010;
export const MSG_SERVICE_INSTALL = 1;
export const MSG_SERVICE_CREATE = 2;
export const MSG_SERVICE_CONFIGURE = 3;
export const MSG_SERVICE_DELETE = 4;
export const MSG_SERVICE_UNINSTALL = 5;
export const MSG_SERVICE_PROVIDER_CREATE = 6;
export const MSG_SERVICE_PROVIDER_DELETE = 7;

/** Provider logon flags (mapispi.h). */
export const AB_NO_DIALOG = 0x00000001;
export const MDB_NO_DIALOG = 0x00000001;
export const MDB_WRITE = 0x00000004;
export const MDB_NO_MAIL = 0x00000080;
export const LOGON_NO_DIALOG = 0x00000001;
export const LOGON_NO_CONNECT = 0x00000004;
export const LOGON_NO_INBOUND = 0x00000008;
export const LOGON_NO_OUTBOUND = 0x00000010;
