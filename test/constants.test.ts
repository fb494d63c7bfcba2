import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as C from '../src/constants/index.js';

// The tables of docs/constants.md, read back so the values cannot drift from the SDK headers.
const constantsMd = readFileSync(join(import.meta.dirname, '../docs/constants.md'), 'utf8');

describe('constants', () => {
  it('every flag and HRESULT of docs/constants.md has its value', () => {
    const rows = [...constantsMd!.matchAll(/^\| (MAPI_\w+|S_OK|AB_\w+|MDB_\w+|LOGON_\w+|SERVICE_\w+|UI_\w+|MSG_SERVICE_UI_READ_ONLY) \| (0x[0-9A-Fa-f]+) \|/gm)];
    expect(rows.length).toBeGreaterThan(40);
    const all = { ...C, ...C.HRESULTS } as Record<string, unknown>;
    for (const [, name, value] of rows) expect(all[name!], name).toBe(Number(value));
  });

  it('C-R10 (v2): hresultName takes integers 0…0xFFFFFFFF and folds nothing', () => {
    expect(C.hresultName(0x80040111)).toBe('MAPI_E_LOGON_FAILED');
    expect(C.hresultName(0)).toBe('S_OK');
    expect(C.hresultName(1)).toBeUndefined();
    expect(C.hresultName(2 ** 32)).toBeUndefined();
    expect(C.hresultName(0x80040111 | 0)).toBeUndefined();
    expect(C.hresultName(2 ** 32 + 0x80040111)).toBeUndefined();
    expect(C.toHResultName(1.5)).toBeUndefined();
  });

  it('parseFlags: names or one number; unknown names are errors; numbers keep unknown bits for V-R1', () => {
    expect(C.parseFlags(['MAPI_LOGON_UI', 'MAPI_NEW_SESSION'], C.LOGON_FLAGS)).toBe(3);
    expect(C.parseFlags(0x3b, C.LOGON_FLAGS)).toBe(0x3b);
    expect(C.parseFlags(['MAPI_UNICODE'], C.LOGON_FLAGS)).toBe(0x80000000);
    expect(C.parseFlags(undefined, C.LOGON_FLAGS)).toBe(0);
    expect(() => C.parseFlags(['MAPI_NOPE'], C.LOGON_FLAGS)).toThrow(C.UnknownFlagNameError);
    expect(() => C.parseFlags(-1, C.LOGON_FLAGS)).toThrow(RangeError);
    expect(() => C.parseFlags(1.5, C.LOGON_FLAGS)).toThrow(RangeError);
    expect(C.unknownBits(0x3b | 0x4, C.LOGON_FLAGS)).toBe(0x4);
    expect(C.unknownBits(0x80000000, C.LOGON_FLAGS)).toBe(0);
  });

  it('flagNames lists the names of the set bits', () => {
    expect(C.flagNames(0x3b, C.LOGON_FLAGS)).toEqual([
      'MAPI_LOGON_UI', 'MAPI_NEW_SESSION', 'MAPI_ALLOW_OTHERS', 'MAPI_EXPLICIT_PROFILE', 'MAPI_EXTENDED',
    ]);
  });
});
