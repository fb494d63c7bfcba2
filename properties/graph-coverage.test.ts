import { describe, expect, it } from 'vitest';
import { getInitialMicrosteps, getMicrosteps, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import { getAdjacencyMap, getStateNodes } from 'xstate/graph';
import { messageServiceMachine } from '../machines/messageService.js';
import { providerLogonMachine } from '../machines/providerLogon.js';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import { MAPI_LOGON_UI, MAPI_NEW_SESSION, MAPI_PASSWORD_UI, MAPI_SERVICE_UI_ALWAYS, MAPI_USE_DEFAULT } from '../src/constants/flags.js';
import { edgeName, flowchartEdges } from '../src/graph/flowchart.js';
import type { ServiceRecord } from '../machines/types.js';

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
function cover(machine: AnyStateMachine, inputs: unknown[], events: EventObject[]): Coverage {
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
      stopWhen: (s: AnyMachineSnapshot) => (s.context.path?.length ?? 0) > 24,
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
const subsets = <T,>(xs: T[]): T[][] => xs.reduce<T[][]>((acc, x) => acc.concat(acc.map((s) => [...s, x])), [[]]);

const record: ServiceRecord = { name: 'S', state: 'enabled', failures: 0, path: ['C1', 'C8'], providers: [] };

describe('graph coverage with xstate/graph', () => {
  it('flowchart A: every drawn edge and every state of the session machine is reachable', () => {
    const inputs = subsets([MAPI_NEW_SESSION, MAPI_USE_DEFAULT, MAPI_LOGON_UI, MAPI_PASSWORD_UI]).flatMap((bits) =>
      [null, 'Work'].flatMap((profileName) =>
        [null, { id: 's1', profile: 'Work' }].map((sharedSession) => ({
          flags: bits.reduce((f, b) => f | b, 0),
          profileName,
          sharedSession,
          defaultProfile: 'Work',
          profiles: [{ name: 'Work', services: [{ name: 'S', providers: [{ name: 'P', kind: 'store', configured: true, storesConfig: true }] }] }],
        })),
      ),
    );
    const events = [
      ...done('profilePicker', ['Work', null]),
      ...done('validateCredentials', ['valid', 'invalid', 'noProfile']),
      ...done('password', ['valid', 'invalid', 'cancel']),
      error('profilePicker'),
      error('validateCredentials'),
      error('password'),
      { type: 'SERVICE.READY', index: 0, record },
      { type: 'xstate.done.actor.service.0', output: { index: 0, record } },
    ];
    const { states, edges } = cover(sessionLogonMachine, inputs, events);
    const unreached = allStateIds(sessionLogonMachine).filter((id) => !states.has(id));
    expect(unreached).toEqual([]);
    const missing = drawnEdges(sessionLogonMachine).filter(([, key]) => !edges.has(key)).map(([name]) => name);
    expect(missing, 'drawn edges of A not reached').toEqual([]);
    expect(drawnEdges(sessionLogonMachine)).toHaveLength(18);
  });

  it('flowchart B: every drawn edge and every state of the provider machine is reachable', () => {
    const inputs = [true, false].flatMap((storesConfig) =>
      [true, false].flatMap((configured) =>
        [true, false].map((uiAllowed) => ({
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
      ...done('logon', ['S_OK', 'MAPI_E_NETWORK_ERROR', { garbage: true }]),
      error('logon'),
    ];
    const { states, edges } = cover(providerLogonMachine, inputs, events);
    expect(allStateIds(providerLogonMachine).filter((id) => !states.has(id))).toEqual([]);
    expect(drawnEdges(providerLogonMachine).filter(([, key]) => !edges.has(key)).map(([name]) => name)).toEqual([]);
    expect(drawnEdges(providerLogonMachine)).toHaveLength(14);
  });

  it('flowchart C: every state of the service machine is reachable', () => {
    const providers = [
      { name: 'A', kind: 'addressBook', configured: true, storesConfig: true },
      { name: 'M', kind: 'store', configured: false, storesConfig: true },
    ];
    const inputs = [0, MAPI_SERVICE_UI_ALWAYS].flatMap((flags) =>
      [true, false].map((uiAllowed) => ({ index: 0, profile: 'Work', service: { name: 'S', providers }, flags, uiAllowed })),
    );
    const answer = (hr: string) => ({ hr, path: ['B1'], configured: true });
    const events = [
      { type: 'LOGON_KIND', kind: 'addressBook' },
      { type: 'LOGON_KIND', kind: 'store' },
      { type: 'FINISH' },
      ...done('providerLogon', ['S_OK', 'MAPI_E_FAILONEPROVIDER', 'MAPI_E_UNCONFIGURED', 'MAPI_E_NETWORK_ERROR'].map(answer)),
      ...done('serviceConfig', ['complete', 'cancel']),
      error('serviceConfig'),
      ...done('retry', ['retry', 'cancel']),
      error('retry'),
    ];
    // Alone, the service has no session to report to.
    const { states } = cover(messageServiceMachine.provide({ actions: { report: () => {} } }), inputs, events);
    expect(allStateIds(messageServiceMachine).filter((id) => !states.has(id))).toEqual([]);
  });
});
