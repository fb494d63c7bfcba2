import { describe, expect, it } from 'vitest';
import { HRESULTS, hresultName, isHResultName, isHResultValue, toHResultName } from '../machines/constants/hresults.js';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { profile, service, store } from './helpers/scenario.js';

// Pins the edges of the HRESULT predicates that the rules tests do not reach (mutation testing found them).
describe('C-R10 (v2): what counts as an HRESULT', () => {
  it('C-R10: isHResultValue takes exactly the integers 0…0xFFFFFFFF', () => {
    for (const value of [0, 1, 0x80040111, 0xffffffff]) expect(isHResultValue(value), String(value)).toBe(true);
    for (const value of [-1, 2 ** 32, 1.5, 0.5, Number.NaN, Infinity, '0', '0x80040111', null, undefined, 0n, [0]]) {
      expect(isHResultValue(value), String(value)).toBe(false);
    }
  });

  it('C-R10: isHResultName takes only the name strings, not values that a property lookup turns into one', () => {
    expect(isHResultName('S_OK')).toBe(true);
    expect(isHResultName('MAPI_E_LOGON_FAILED')).toBe(true);
    // ['S_OK'] and an object whose toString says S_OK both become the key "S_OK" in a lookup.
    for (const value of [['S_OK'], { toString: () => 'S_OK' }, 0, 'E_WHATEVER', 'toString', '']) {
      expect(isHResultName(value), String(value)).toBe(false);
    }
  });

  it('C-R10: toHResultName keeps a name, names a known value, and gives nothing for the rest', () => {
    expect(toHResultName('MAPI_W_ERRORS_RETURNED')).toBe('MAPI_W_ERRORS_RETURNED');
    expect(toHResultName(0)).toBe('S_OK');
    expect(toHResultName(HRESULTS.MAPI_E_NETWORK_ERROR)).toBe('MAPI_E_NETWORK_ERROR');
    for (const value of [['S_OK'], '0', '0x80040111', 2 ** 32, -1, 0x80040111 | 0, 1.5, null, { hr: 'S_OK' }]) {
      expect(toHResultName(value), String(value)).toBeUndefined();
    }
    expect(hresultName(HRESULTS.MAPI_E_TIMEOUT)).toBe('MAPI_E_TIMEOUT');
  });

  it("C-R10: a provider answering ['S_OK'] (not an HRESULT) counts as MAPI_E_CALL_FAILED", async () => {
    const subsystem = createMapiSubsystem({
      profiles: [profile('Work', [service('S', store('M'))])],
      providerLogon: () => ['S_OK'] as never,
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    expect(r.services[0]!.providers[0]!.hrs).toEqual(['MAPI_E_CALL_FAILED', 'MAPI_E_CALL_FAILED']);
  });
});
