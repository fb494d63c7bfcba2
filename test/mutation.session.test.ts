import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { MAPI_ALLOW_OTHERS, MAPI_NO_MAIL } from '../machines/constants/flags.js';
import type { SessionInput } from '../machines/session.js';
import type { ProfileDef, ProviderDef, ProviderRecord, ServiceRecord } from '../machines/types.js';
import { provideMachines } from '../src/subsystem/provideMachines.js';

// Flowchart D's machine driven directly: what its snapshots and output show that the subsystem's
// results do not (mutation testing found these parts of machines/session.ts unchecked).

const def = (name: string, kind: ProviderDef['kind']): ProviderDef => ({ name, kind, configured: true, storesConfig: true });

// "Files" has no transport; "Exchange" has a store and a transport.
const profile: ProfileDef = {
  name: 'Work',
  services: [
    { name: 'Files', providers: [def('PST', 'store')] },
    { name: 'Exchange', providers: [def('Mailbox', 'store'), def('Transport', 'transport')] },
  ],
};

const loggedOn = (name: string, kind: ProviderDef['kind']): ProviderRecord => ({
  name, kind, state: 'loggedOn', hr: 'S_OK', hrs: ['S_OK'], phase: 'logon', attempts: 1, paths: [['B1', 'B2', 'B3', 'B4', 'B5']], configured: true,
});
const notStarted = (name: string, kind: ProviderDef['kind']): ProviderRecord => ({
  name, kind, state: 'notStarted', hr: null, hrs: [], phase: null, attempts: 0, paths: [], configured: true,
});

/** The records as A12 leaves them after a MAPI_NO_MAIL logon: the stores on, the transport not started (C-R3). */
const afterNoMailLogon = (): ServiceRecord[] => [
  { name: 'Files', state: 'enabled', failures: 0, path: ['C1', 'C3', 'C8'], providers: [loggedOn('PST', 'store')] },
  { name: 'Exchange', state: 'enabled', failures: 0, path: ['C1', 'C3', 'C8'], providers: [loggedOn('Mailbox', 'store'), notStarted('Transport', 'transport')] },
];

function startSession(input: Partial<SessionInput> = {}) {
  const called: string[] = [];
  const { session } = provideMachines({
    profilePicker: () => null,
    password: () => 'cancel',
    validateCredentials: () => 'valid',
    serviceConfig: () => 'cancel',
    retry: () => 'cancel',
    providerConfig: () => 'cancel',
    logon: (call) => (called.push(call.provider.name), 'S_OK'),
    logoff: () => {},
  });
  const actor = createActor(session, {
    input: {
      id: 's1',
      profile,
      services: afterNoMailLogon(),
      creator: { name: 'indexer', flags: MAPI_ALLOW_OTHERS | MAPI_NO_MAIL },
      shared: true,
      ...input,
    },
  }).start();
  return { actor, called };
}

describe('flowchart D: the live session machine', () => {
  it('A-R9, D-R1: the joiner that tells the spooler starts only the services with transports; a later joiner starts nothing', () => {
    const { actor, called } = startSession();
    expect(actor.getSnapshot().context.path).toEqual(['D1']);
    actor.send({ type: 'JOIN', client: { name: 'outlook', flags: 0 } });
    expect(called).toEqual(['Transport']);
    const told = actor.getSnapshot().context;
    expect(told.spooler).toBe('told');
    expect(told.started).toEqual([1]);
    // A service without transports is not run again: no second C8 on its path.
    expect(told.services.map((s) => s.path)).toEqual([['C1', 'C3', 'C8'], ['C1', 'C3', 'C8', 'C3', 'C8']]);
    expect(told.path).toEqual(['D1', 'D2', 'D1']);

    // D-R1: D2 runs once per session, even when another client without MAPI_NO_MAIL joins.
    actor.send({ type: 'JOIN', client: { name: 'addin', flags: 0 } });
    const after = actor.getSnapshot().context;
    expect(after.path).toEqual(['D1', 'D2', 'D1']);
    expect(after.services.map((s) => s.path)).toEqual(told.services.map((s) => s.path));
    expect(after.clients.map((c) => c.name)).toEqual(['indexer', 'outlook', 'addin']);
  });

  it('D-R1: the spooler start writes new records; the input and earlier snapshots keep theirs', () => {
    const services = afterNoMailLogon();
    const { actor } = startSession({ services });
    const before = actor.getSnapshot().context.services;
    actor.send({ type: 'JOIN', client: { name: 'outlook', flags: 0 } });
    expect(actor.getSnapshot().context.services[1]!.providers[1]!.state).toBe('loggedOn');
    expect(services).toEqual(afterNoMailLogon());
    expect(before).toEqual(afterNoMailLogon());
  });

  it('D-R4, S-R2: a live session has logged nobody off and notified nobody; the last uninitialize notifies nobody either', () => {
    const { actor } = startSession();
    const live = actor.getSnapshot().context;
    expect(live).toMatchObject({ path: ['D1'], started: [], loggedOff: [], notified: [], identity: null });
    actor.send({ type: 'JOIN', client: { name: 'outlook', flags: 0 } });
    // S-R1: END (the last MAPIUninitialize) logs every provider off but notifies no client.
    actor.send({ type: 'END' });
    expect(actor.getSnapshot().status).toBe('done');
    expect(actor.getSnapshot().output).toEqual({ loggedOff: ['PST', 'Mailbox', 'Transport'], notified: [] });
  });
});
