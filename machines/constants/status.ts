/** PR_STATUS_CODE values (mapidefs.h). */
export const STATUS_AVAILABLE = 0x1;
export const STATUS_OFFLINE = 0x2;
export const STATUS_FAILURE = 0x4;

/** PR_RESOURCE_TYPE values (mapidefs.h). */
export const MAPI_STORE_PROVIDER = 33;
export const MAPI_AB = 34;
export const MAPI_AB_PROVIDER = 35;
export const MAPI_TRANSPORT_PROVIDER = 36;
export const MAPI_SPOOLER = 37;
export const MAPI_SUBSYSTEM = 39;
