import { describe, expect, it } from 'vitest';
import { getInitialMicrosteps, getMicrosteps, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { getAdjacencyMap, getStateNodes } from 'xstate/graph';
import { messageServiceMachine } from '../machines/messageService.js';
import { providerLogonMachine } from '../machines/providerLogon.js';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import { sessionMachine } from '../machines/session.js';
import {
  MAPI_FORCE_DOWNLOAD,
  MAPI_LOGOFF_SHARED,
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_PASSWORD_UI,
  MAPI_SERVICE_UI_ALWAYS,
  MAPI_USE_DEFAULT,
} from '../src/constants/flags.js';
import { edgeName, flowchartEdges, flowchartNodes } from '../src/graph/flowchart.js';
import type { ProviderDef, ServiceRecord } from '../machines/types.js';

/** The ids of the states active in a snapshot. */
function activeIds(machine: AnyStateMachine, value: unknown, prefix = machine.id): string[] {
  if (typeof value === 'string') return [`${prefix}.${value}`];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [`${prefix}.${k}`, ...activeIds(machine, v, `${prefix}.${k}`)]);
}

interface Coverage {
  states: Set<string>;
  edges: Set<string>;
}

/**
 * Walks the machine's state graph with xstate/graph from each input, with the given events, and
 * collects every state entered (stable or transient, through the microsteps) and every pair of
 * consecutive flowchart nodes in the visited paths.
 */
function cover(machine: AnyStateMachine, inputs: unknown[], events: EventObject[], stop: (s: AnyMachineSnapshot) => boolean = () => false): Coverage {
  const states = new Set<string>();
  const edges = new Set<string>();
  const note = (snap: AnyMachineSnapshot) => {
    activeIds(machine, snap.value).forEach((id) => states.add(id));
    const path: string[] = snap.context.path ?? [];
    path.forEach((id, i) => i > 0 && edges.add(`${path[i - 1]}>${id}`));
  };
  for (const input of inputs) {
    for (const [snap] of getInitialMicrosteps(machine, input as never)) note(snap);
    const map = getAdjacencyMap(machine, {
      input: input as never,
      events,
      limit: 5000,
      stopWhen: (s: AnyMachineSnapshot) => (s.context.path?.length ?? 0) > 24 || stop(s),
    });
    for (const { state, transitions } of Object.values(map)) {
      note(state as AnyMachineSnapshot);
      for (const { event } of Object.values(transitions) as Array<{ event: EventObject }>) {
        for (const [snap] of getMicrosteps(machine, state as never, event as never)) note(snap);
      }
    }
  }
  return { states, edges };
}

const done = (id: string, outputs: unknown[]) => outputs.map((output) => ({ type: `xstate.done.actor.${id}`, output }));
const error = (id: string) => ({ type: `xstate.error.actor.${id}`, error: new Error('dialog failed') });
const allStateIds = (m: AnyStateMachine) => getStateNodes(m.root).map((s) => s.id).filter((id) => id !== m.id);
const drawnEdges = (m: AnyStateMachine) => flowchartEdges(m).filter((e) => e.drawn).map((e) => [edgeName(e), `${e.from}>${e.to}`] as const);
/** Every edge of the machine from one flowchart node straight to another, drawn or not (read from meta). */
const nodeEdges = (m: AnyStateMachine) => {
  const nodes = new Set(flowchartNodes(m).map((n) => n.id));
  return flowchartEdges(m, { helpers: true }).filter((e) => nodes.has(e.from) && nodes.has(e.to)).map((e) => [edgeName(e), `${e.from}>${e.to}`] as const);
};
const subsets = <T,>(xs: T[]): T[][] => xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);

/** Asserts full coverage: every state, every flowchart node, every node-to-node edge. */
function expectCovered(m: AnyStateMachine, { states, edges }: Coverage) {
  expect(allStateIds(m).filter((id) => !states.has(id)), `states of ${m.id} not reached`).toEqual([]);
  const visited = new Set([...edges].flatMap((e) => e.split('>')));
  expect(flowchartNodes(m).map((n) => n.id).filter((id) => !visited.has(id)), `nodes of ${m.id} not visited`).toEqual([]);
  expect(nodeEdges(m).filter(([, key]) => !edges.has(key)).map(([name]) => name), `edges of ${m.id} not taken`).toEqual([]);
}

const record = (over: Partial<ServiceRecord> = {}): ServiceRecord => ({ name: 'S', state: 'enabled', failures: 0, path: ['C1'], providers: [], ...over });
const provider = (name: string, kind: ProviderDef['kind'], configured = true): ProviderDef => ({ name, kind, configured, storesConfig: true });

describe('graph coverage with xstate/graph', () => {
  it('flowchart A: every drawn edge and every state of the session machine is reachable', () => {
    const profiles = [{ name: 'Work', services: [{ name: 'S', providers: [provider('P', 'store')] }] }];
    const base = { defaultProfile: 'Work', profiles };
    const inputs = [
      ...subsets([MAPI_NEW_SESSION, MAPI_USE_DEFAULT, MAPI_LOGON_UI, MAPI_PASSWORD_UI]).flatMap((bits) =>
        [null, 'Work'].flatMap((profileName) =>
          [null, { id: 's1', profile: 'Work' }].map((sharedSession) => ({ ...base, flags: bits.reduce((f, b) => f | b, 0), profileName, sharedSession })),
        ),
      ),
      // A-R5, C-R2: the transports phase inside the logon, and MAPI_NO_MAIL that keeps it out.
      ...[MAPI_FORCE_DOWNLOAD, MAPI_FORCE_DOWNLOAD | MAPI_NO_MAIL, MAPI_NO_MAIL].map((flags) => ({ ...base, flags, profileName: 'Work', sharedSession: null })),
    ];
    const events = [
      ...done('profilePicker', ['Work', null]),
      ...done('validateCredentials', ['valid', 'invalid', 'noProfile']),
      ...done('password', ['valid', 'invalid', 'cancel']),
      error('profilePicker'),
      error('validateCredentials'),
      error('password'),
      ...done('messageService', [{ index: 0, record: record(), called: true }]),
    ];
    const coverage = cover(sessionLogonMachine, inputs, events);
    expectCovered(sessionLogonMachine, coverage);
    expect(drawnEdges(sessionLogonMachine).filter(([, key]) => !coverage.edges.has(key)).map(([name]) => name), 'drawn edges of A not reached').toEqual([]);
    expect(drawnEdges(sessionLogonMachine)).toHaveLength(18);
  });

  it('flowchart B: every drawn edge and every state of the provider machine is reachable', () => {
    const inputs = [true, false].flatMap((storesConfig) =>
      [true, false].flatMap((configured) =>
        [true, false].map((uiAllowed) => ({
          session: null,
          phase: 'logon',
          profile: 'Work',
          service: 'S',
          provider: { name: 'P', kind: 'store', configured, storesConfig },
          attempt: 1,
          uiAllowed,
        })),
      ),
    );
    const events = [
      ...done('providerConfig', ['complete', 'incomplete', 'cancel', 'accidental-cancel']),
      error('providerConfig'),
      ...done('logon', ['S_OK', 'MAPI_W_ERRORS_RETURNED', 'MAPI_E_NETWORK_ERROR', { garbage: true }]),
      error('logon'),
    ];
    const coverage = cover(providerLogonMachine, inputs, events);
    expectCovered(providerLogonMachine, coverage);
    expect(drawnEdges(providerLogonMachine).filter(([, key]) => !coverage.edges.has(key)).map(([name]) => name)).toEqual([]);
    expect(drawnEdges(providerLogonMachine)).toHaveLength(14);
  });

  it('flowchart C: every state, node and node-to-node edge of the service machine is reachable (one run per step)', () => {
    const service = { name: 'S', providers: [provider('A', 'addressBook'), provider('M', 'store', false), provider('M2', 'store')] };
    const common = { index: 0, profile: 'Work', session: null, service, phase: 'logon' };
    const inputs = [
      // C-R1: the configure run, with and without MAPI_SERVICE_UI_ALWAYS.
      ...[0, MAPI_SERVICE_UI_ALWAYS].flatMap((flags) =>
        [true, false].map((uiAllowed) => ({ ...common, record: null, flags, uiAllowed, step: 'configure', ready: false })),
      ),
      // C-R2: a run per provider kind, the last of the logon (ready: C8) or not (paused).
      ...(['addressBook', 'store'] as const).flatMap((step) =>
        [true, false].flatMap((uiAllowed) => [true, false].map((ready) => ({ ...common, record: null, flags: 0, uiAllowed, step, ready }))),
      ),
      // C-R5: a record that already failed once: the next failure is the second.
      { ...common, record: record({ failures: 1, path: ['C1', 'C3', 'C6', 'C3'], providers: service.providers.map((p) => ({ name: p.name, kind: p.kind, state: 'notStarted', hr: null, hrs: [], phase: null, attempts: 0, paths: [], configured: true })) }), flags: 0, uiAllowed: false, step: 'store', ready: true },
    ];
    const answer = (hr: string) => ({ hr, path: ['B1'], configured: true });
    const events = [
      ...done('providerLogon', ['S_OK', 'MAPI_W_ERRORS_RETURNED', 'MAPI_E_FAILONEPROVIDER', 'MAPI_E_UNCONFIGURED', 'MAPI_E_NETWORK_ERROR', 'MAPI_E_SESSION_LIMIT'].map(answer)),
      ...done('serviceConfig', ['complete', 'cancel']),
      error('serviceConfig'),
      ...done('retry', ['retry', 'cancel']),
      error('retry'),
    ];
    expectCovered(messageServiceMachine, cover(messageServiceMachine, inputs, events));
  });

  it('flowchart D: every state, node and node-to-node edge of the live-session machine is reachable', () => {
    const withTransport = { name: 'S', providers: [provider('A', 'addressBook'), provider('T', 'transport')] };
    const noTransport = { name: 'N', providers: [provider('M', 'store')] };
    const profile = { name: 'Work', services: [noTransport, withTransport] };
    const loggedOn = (name: string, kind: ProviderDef['kind']) => ({ name, kind, state: kind === 'transport' ? 'notStarted' : 'loggedOn', hr: 'S_OK', hrs: ['S_OK'], phase: 'logon', attempts: 1, paths: [['B1']], configured: true });
    const services = [
      record({ name: 'N', providers: [loggedOn('M', 'store')] as never }),
      record({ name: 'S', providers: [loggedOn('A', 'addressBook'), loggedOn('T', 'transport')] as never }),
    ];
    // D-R1: the spooler told at A12, never (MAPI_NO_MAIL), or already done (MAPI_FORCE_DOWNLOAD).
    const inputs = [0, MAPI_NO_MAIL, MAPI_FORCE_DOWNLOAD].flatMap((flags) =>
      [true, false].map((shared) => ({ id: 's1', profile, services, creator: { name: 'c1', flags }, shared })),
    );
    const events = [
      { type: 'JOIN', client: { name: 'c2', flags: 0 } },
      { type: 'JOIN', client: { name: 'c2', flags: MAPI_NO_MAIL | MAPI_LOGON_UI } },
      { type: 'LOGOFF', client: 'c1', flags: 0 },
      { type: 'LOGOFF', client: 'c2', flags: MAPI_LOGOFF_SHARED },
      { type: 'QUERY_IDENTITY' },
      { type: 'END' },
      ...[0, 1].flatMap((index) => done('messageService', [{ index, record: services[index], called: index === 1 }])),
    ];
    const coverage = cover(sessionMachine, inputs, events, (s) => (s.context.clients?.length ?? 0) > 2 || s.context.path.length > 8);
    expectCovered(sessionMachine, coverage);
  });
});
