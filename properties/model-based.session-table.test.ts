import { expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createMapiSubsystem, type MapiSession, type MapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { SessionTableModel } from './oracle/sessionTableModel.js';
import { CLIENTS } from '../src/arbitraries/session.js';

interface Real {
  mapi: MapiSubsystem;
  handles: Map<string, MapiSession>;
}

type Command = fc.AsyncCommand<SessionTableModel, Real>;

/** The live sessions of the real subsystem, compared with the model's after every command. */
function sameTable(model: SessionTableModel, real: Real) {
  const state = real.mapi.state();
  expect(state.initCount).toBe(model.initCount);
  expect(state.initialized).toBe(model.initialized);
  expect(state.sessions.map((s) => s.id)).toEqual(model.liveSessions());
  expect(state.shared).toBe(model.shared);
}

class Initialize implements Command {
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const initCount = m.initialize();
    expect(await r.mapi.initialize()).toMatchObject({ hr: 'S_OK', initCount });
    sameTable(m, r);
  }
  toString = () => 'initialize';
}

class Uninitialize implements Command {
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const expected = m.uninitialize();
    const got = await r.mapi.uninitialize();
    expect({ hr: got.hr, initCount: got.initCount, endedSessions: got.endedSessions.map((e) => e.session) }).toEqual({ hr: 'S_OK', ...expected });
    sameTable(m, r);
  }
  toString = () => 'uninitialize';
}

class Logon implements Command {
  constructor(readonly client: string, readonly newSession: boolean, readonly allowOthers: boolean) {}
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const flags = [...(this.newSession ? ['MAPI_NEW_SESSION'] : []), ...(this.allowOthers ? ['MAPI_ALLOW_OTHERS'] : [])];
    const expected = m.logon(this.client, this.newSession, this.allowOthers);
    const got = await r.mapi.logonEx({ client: this.client, profileName: 'Work', flags });
    if (got.session) r.handles.set(this.client, got.session);
    expect({ hr: got.hr, session: got.session?.id ?? null, shared: got.shared }).toEqual(expected);
    sameTable(m, r);
  }
  toString = () => `logon(${this.client}${this.newSession ? ', NEW_SESSION' : ''}${this.allowOthers ? ', ALLOW_OTHERS' : ''})`;
}

class Logoff implements Command {
  constructor(readonly client: string, readonly all: boolean) {}
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const expected = m.logoff(this.client, this.all);
    const handle = r.handles.get(this.client);
    const got = handle ? await handle.logoff(this.all ? ['MAPI_LOGOFF_SHARED'] : []) : { hr: m.reach(this.client), ended: false, notified: [] };
    expect({ hr: got.hr, ended: got.ended, notified: got.notified }).toEqual(expected);
    sameTable(m, r);
  }
  toString = () => `logoff(${this.client}${this.all ? ', LOGOFF_SHARED' : ''})`;
}

class StatusTable implements Command {
  constructor(readonly client: string) {}
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const handle = r.handles.get(this.client);
    const expected = m.reach(this.client);
    const got = handle ? await handle.statusTable() : { hr: expected, rows: [] };
    expect(got.hr).toBe(expected);
    // T-R1: three rows of MAPI's own and the three providers, all logged on (the spooler was told).
    expect(got.rows).toHaveLength(expected === 'S_OK' ? 6 : 0);
  }
  toString = () => `statusTable(${this.client})`;
}

class QueryIdentity implements Command {
  constructor(readonly client: string) {}
  check = () => true;
  async run(m: SessionTableModel, r: Real) {
    const expected = m.reach(this.client);
    const handle = r.handles.get(this.client);
    const got = handle ? await handle.queryIdentity() : { hr: expected, identity: null };
    // D-R3: the primary identity (Mailbox's) wins over the address book's, which comes first in order.
    expect(got).toMatchObject(expected === 'S_OK' ? { hr: 'S_OK', identity: { provider: 'Mailbox', service: 'Exchange', display: 'Mailbox user' } } : { hr: expected, identity: null });
  }
  toString = () => `queryIdentity(${this.client})`;
}

const client = fc.constantFrom(...CLIENTS);
const commands = [
  fc.constant(new Initialize()),
  fc.constant(new Uninitialize()),
  fc.tuple(client, fc.boolean(), fc.boolean()).map(([c, n, a]) => new Logon(c, n, a)),
  fc.tuple(client, fc.boolean()).map(([c, a]) => new Logoff(c, a)),
  client.map((c) => new StatusTable(c)),
  client.map((c) => new QueryIdentity(c)),
];

test.prop([fc.commands(commands, { maxCommands: 40 })])(
  'S-R1, S-R2, S-R4, A-R1, A-R7, D-R3: random initialize/logon/logoff/statusTable/queryIdentity/uninitialize from four clients match the session-table model (reference-counted initialize)',
  async (cmds) => {
    const real: Real = {
      mapi: createMapiSubsystem({
        profiles: [{ name: 'Work', default: true, services: [{ name: 'Exchange', providers: [{ name: 'GAL', kind: 'addressBook', identity: 'GAL user' }, { name: 'Mailbox', kind: 'store', identity: 'Mailbox user', primaryIdentity: true }, { name: 'Transport', kind: 'transport' }] }] }],
      }),
      handles: new Map(),
    };
    await fc.asyncModelRun(() => ({ model: new SessionTableModel(), real }), cmds);
  },
);
