import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import { messageServiceMachine } from '../machines/messageService.js';
import { nodeMeta } from '../machines/nodes.js';
import { providerLogonMachine } from '../machines/providerLogon.js';
import type { ProviderCallInput } from '../machines/types.js';
import { sessionLogonMachine } from '../machines/sessionLogon.js';

const profiles = [{ name: 'Work', services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' as const, configured: false, storesConfig: true }] }] }];

// The machines' own actors, before any .provide(): no dialog (cancel), no credential store,
// providers with nothing to add to flowchart B.
describe('the machines without .provide()', () => {
  it('sessionLogon: no credential store validates nothing (A11 no → A15)', async () => {
    const a = createActor(sessionLogonMachine, { input: { flags: 0, profileName: 'Work', sharedSession: null, defaultProfile: null, profiles } }).start();
    expect(await toPromise(a)).toMatchObject({ hr: 'MAPI_E_LOGON_FAILED', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A15'] });
  });

  it('sessionLogon: no picker or password dialog means cancel', async () => {
    const picker = createActor(sessionLogonMachine, { input: { flags: 0x1, profileName: null, sharedSession: null, defaultProfile: null, profiles } }).start();
    expect(await toPromise(picker)).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', path: ['A1', 'A2', 'A4', 'A6', 'A8', 'A9'] });
    const password = createActor(sessionLogonMachine, { input: { flags: 0x20000, profileName: 'Work', sharedSession: null, defaultProfile: null, profiles } }).start();
    expect(await toPromise(password)).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', path: ['A1', 'A2', 'A4', 'A5', 'A11', 'A13', 'A14'] });
  });

  it('providerLogon: a configured provider logs on (S_OK); a dialog nobody answers is a cancel (B14)', async () => {
    const ok = createActor(providerLogonMachine, { input: { session: null, phase: 'logon' as const, profile: 'Work', service: 'S', provider: { ...profiles[0]!.services[0]!.providers[0]!, configured: true }, attempt: 1, uiAllowed: true } }).start();
    expect(await toPromise(ok)).toEqual({ hr: 'S_OK', path: ['B1', 'B2', 'B3', 'B4', 'B5'], configured: true });
    const cancel = createActor(providerLogonMachine, { input: { session: null, phase: 'logon' as const, profile: 'Work', service: 'S', provider: profiles[0]!.services[0]!.providers[0]!, attempt: 1, uiAllowed: true } }).start();
    expect(await toPromise(cancel)).toMatchObject({ hr: 'MAPI_E_USER_CANCEL', configured: false });
  });

  it('messageService: its C2 dialog cancels; the run ends waiting for the next phase', async () => {
    const input = {
      index: 0,
      profile: 'Work',
      session: null,
      service: { name: 'S', providers: [{ name: 'P', kind: 'store' as const, configured: false, storesConfig: true }] },
      record: null,
      flags: 0x2000,
      uiAllowed: true,
      step: 'configure' as const,
      phase: 'logon' as const,
      ready: false,
    };
    const a = createActor(messageServiceMachine, { input }).start();
    const out = await toPromise(a);
    // C2 was cancelled: the stored configuration stays.
    expect(a.getSnapshot().value).toBe('paused');
    expect(out.record.path).toEqual(['C1', 'C2']);
    expect(out.record.providers[0]).toMatchObject({ state: 'notStarted', configured: false });
  });

  it('messageService: its retry dialog cancels, which disables the service (C6 → C7)', async () => {
    const input = {
      index: 0,
      profile: 'Work',
      session: null,
      service: { name: 'S', providers: [{ name: 'P', kind: 'store' as const, configured: true, storesConfig: true }] },
      record: null,
      flags: 0,
      uiAllowed: true,
      step: 'store' as const,
      phase: 'logon' as const,
      ready: true,
    };
    const failing = providerLogonMachine.provide({ actors: { logon: fromPromise<unknown, ProviderCallInput>(async () => 'MAPI_E_NETWORK_ERROR') } });
    const out = await toPromise(createActor(messageServiceMachine.provide({ actors: { providerLogon: failing } }), { input }).start());
    expect(out.record).toMatchObject({ state: 'disabled', failures: 1, path: ['C3', 'C6', 'C7'] });
  });

  it('nodeMeta names an unknown node in its error', () => {
    expect(() => nodeMeta('Z9')).toThrow('no flowchart node Z9');
  });
});
