import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { RESTORE, SAVE, isRestorable, type Restorable } from '../src/subsystem/savedState.js';
import type { MapiSubsystem, MapiSubsystemOptions } from '../src/subsystem/types.js';

// Save and restore between calls (src/subsystem/savedState.ts): what the model checker expands
// each state from. A restored subsystem must be indistinguishable from the one that was saved.

const profiles: MapiSubsystemOptions['profiles'] = [
  {
    name: 'Work',
    default: true,
    credentials: 'valid',
    services: [
      {
        name: 'Exchange',
        providers: [
          { name: 'GAL', kind: 'addressBook' },
          { name: 'Mailbox', kind: 'store', configured: false, identity: 'Alice', primaryIdentity: true },
          { name: 'Xport', kind: 'transport' },
        ],
      },
    ],
  },
];

const make = (interpreter: 'compiled' | 'xstate' = 'compiled') =>
  createMapiSubsystem({ profiles, interpreter, dialogs: { providerConfig: () => 'complete' } }) as MapiSubsystem & Restorable;

describe('saving and restoring a subsystem between calls', () => {
  it('S-R1, S-R2, S-R4, B-R3: a restored subsystem has the saved state, and its old handles reach it again', async () => {
    const mapi = make();
    expect(isRestorable(mapi)).toBe(true);
    await mapi.initialize();
    const first = await mapi.logonEx({ client: 'outlook', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] });
    const saved = mapi[SAVE]();
    const before = mapi.state();

    // Change everything: a joiner, a logon with UI that configures the mailbox for good (B-R3), the end of it all.
    const joined = await mapi.logonEx({ client: 'fax', profileName: 'Work' });
    expect(joined.shared).toBe(true);
    await first.session!.logoff(['MAPI_LOGOFF_SHARED']);
    const later = await mapi.logonEx({ client: 'other', profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_NEW_SESSION'] });
    expect(later.hr).toBe('S_OK');
    await mapi.uninitialize();
    expect(mapi.state()).not.toEqual(before);

    mapi[RESTORE](saved);
    expect(mapi.state()).toEqual(before);
    // The handle of the saved session works again; the ones made after the save are dead.
    expect((await first.session!.statusTable()).hr).toBe('S_OK');
    expect((await later.session!.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
    expect((await joined.session!.statusTable()).hr).toBe('MAPI_E_INVALID_OBJECT');
    // The restored session goes on as the saved one would: the fax joins it and the spooler is told (A-R9).
    const again = await mapi.logonEx({ client: 'fax', profileName: 'Work' });
    expect([again.hr, again.shared, again.session!.id]).toEqual(['S_OK', true, first.session!.id]);
    expect(again.spooler).toBe('told');
    const ended = await first.session!.logoff(['MAPI_LOGOFF_SHARED']);
    expect(ended.ended).toBe(true);
    expect(ended.notified).toEqual(['fax']);
  });

  it('restoring twice from one saved state gives the same state both times (a saved state is not changed by what follows)', async () => {
    const mapi = make();
    await mapi.initialize();
    const saved = mapi[SAVE]();
    const at = mapi.state();
    for (let i = 0; i < 2; i++) {
      mapi[RESTORE](saved);
      expect(mapi.state()).toEqual(at);
      const r = await mapi.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
      expect(r.hr).toBe('S_OK');
      expect(mapi.state().profiles[0]!.services[0]!.providers[1]!.configured).toBe(true);
    }
  });

  it('only between calls, and only on the compiled engine', async () => {
    expect(() => make('xstate')[SAVE]()).toThrow(/compiled engine/);
    let inside: unknown = null;
    const mapi = createMapiSubsystem({
      profiles,
      interpreter: 'compiled',
      providerLogon: () => {
        try {
          (mapi as MapiSubsystem & Restorable)[SAVE]();
        } catch (error) {
          inside = error;
        }
        return 'S_OK';
      },
    }) as MapiSubsystem & Restorable;
    await mapi.initialize();
    await mapi.logonEx({ client: 'c', profileName: 'Work', flags: ['MAPI_LOGON_UI'] });
    expect(String(inside)).toMatch(/between calls/);
  });
});
