import type { InspectionEvent } from 'xstate';
import type { DialogKind } from '../../machines/types.js';
import { parseScenario } from '../../src/schema/parseScenario.js';
import { traceScenario, type CallResult, type TraceStep } from '../../src/simulator/runScenario.js';

/** A machine's id (`sessionLogon`…): the charts the page has decide which ones are followed. */
export type MachineName = string;
const DIALOGS = new Set<string>(['profilePicker', 'password', 'serviceConfig', 'providerConfig', 'retry']);

/** One step of a run as the viewer plays it. */
export type Step =
  | { type: 'call'; call: number; op: string; text: string }
  | { type: 'node'; call: number; machine: MachineName; actor: string; who: string; node: string }
  | { type: 'dialog'; call: number; machine: MachineName; actor: string; who: string; dialog: DialogKind; answer: string }
  /** A provider's own answer to its logon call (B-R4), attempt by attempt. */
  | { type: 'answer'; call: number; machine: MachineName; actor: string; who: string; provider: string; service: string; attempt: number; hr: string }
  | { type: 'result'; call: number; result: CallResult };

export interface Timeline {
  steps: Step[];
  trace: TraceStep[];
}

interface ActorInfo {
  machine: MachineName;
  who: string;
  seen: number;
  /**
   * xstate creates and starts an invoked child inside the parent's microstep, before it reports
   * that microstep: the node that invoked the child goes where the child began.
   */
  anchor: number | null;
  answered?: boolean;
}

type Ref = { sessionId: string; id: string; logic?: { id?: string; config?: { id?: string } }; _parent?: { sessionId: string } };

/**
 * Runs a scenario in this page with an inspector and turns what the actors report into steps: each
 * node as it is visited (the actors' `path`s as they grow), each dialog as it opens, each call's
 * result. The order is the order the actors reported in.
 */
export async function buildTimeline(
  scenarioJson: unknown,
  machines: ReadonlySet<string>,
  options: { inspect?: (ev: InspectionEvent) => void } = {},
): Promise<Timeline> {
  const scenario = parseScenario(scenarioJson);
  const steps: Step[] = [];
  const actors = new Map<string, ActorInfo>();
  const shownPaths = new Map<string, string[]>();
  let call = -1;
  let dialogIndex = 0;
  let trace: TraceStep[] = [];

  const describe = (machine: MachineName, context: Record<string, unknown>): string => {
    if (machine === 'messageService') return `service "${context.name as string}"`;
    if (machine === 'providerLogon') {
      const p = context.provider as { name: string };
      return `provider "${p.name}", attempt ${context.attempt as number}`;
    }
    if (machine === 'sessionLogon') return 'session logon';
    return machine === 'session' ? `live session${context.id ? ` ${String(context.id)}` : ''}` : machine;
  };

  const inspect = (ev: InspectionEvent) => {
    options.inspect?.(ev);
    const ref = ev.actorRef as unknown as Ref;
    if (ev.type === '@xstate.actor') {
      const machine = ref.logic?.config?.id;
      if (machine && machines.has(machine)) {
        // The actor reports itself from its constructor: its context comes with its first snapshot.
        actors.set(ref.sessionId, { machine: machine as MachineName, who: '', seen: 0, anchor: null });
        const parent = ref._parent && actors.get(ref._parent.sessionId);
        if (parent) parent.anchor ??= steps.length;
      } else if (DIALOGS.has(ref.id) && ref._parent) {
        const parent = actors.get(ref._parent.sessionId);
        if (parent) parent.anchor ??= steps.length;
        if (parent) steps.push({ type: 'dialog', call, machine: parent.machine, actor: ref._parent.sessionId, who: parent.who, dialog: ref.id as DialogKind, answer: `#${dialogIndex++}` });
      }
      return;
    }
    if (ev.type !== '@xstate.microstep' && ev.type !== '@xstate.snapshot') return;
    const info = actors.get(ref.sessionId);
    const context = (ev.snapshot as { context?: Record<string, unknown> & { path?: string[] } }).context;
    const path = context?.path;
    if (!info || !path) return;
    info.who ||= describe(info.machine, context);
    // A machine that hands its path on to the next actor for the same thing (a service's actor
    // per phase) starts where the last one stopped: the nodes already shown are not replayed.
    const key = `${call}|${info.machine}|${info.who}`;
    const before = shownPaths.get(key);
    if (info.seen === 0 && before && before.length <= path.length && before.every((n, i) => path[i] === n)) info.seen = before.length;
    shownPaths.set(key, path.slice());
    const fresh: Step[] = [];
    for (; info.seen < path.length; info.seen++) {
      fresh.push({ type: 'node', call, machine: info.machine, actor: ref.sessionId, who: info.who, node: path[info.seen]! });
    }
    // The provider has answered (its final snapshot carries the HRESULT of this attempt).
    const snap = ev.snapshot as { status?: string; output?: { hr?: string } };
    const hr = snap.status === 'done' ? (snap.output?.hr ?? (context.hr as string | undefined)) : undefined;
    if (info.machine === 'providerLogon' && hr && !info.answered) {
      info.answered = true;
      const p = context.provider as { name?: string } | undefined;
      fresh.push({ type: 'answer', call, machine: info.machine, actor: ref.sessionId, who: info.who, provider: p?.name ?? '', service: String(context.service ?? ''), attempt: Number(context.attempt ?? 1), hr });
    }
    steps.splice(info.anchor ?? steps.length, 0, ...fresh);
    info.anchor = null;
  };

  trace = await traceScenario(scenario, {
    inspect,
    onCall: (phase, c) => {
      if (phase === 'before') {
        call++;
        dialogIndex = 0;
        steps.push({ type: 'call', call, op: c.op, text: describeCall(c) });
      }
    },
  });
  // Dialog answers come from the trace, in the order the dialogs opened.
  for (const s of steps) {
    if (s.type === 'dialog') s.answer = trace[s.call]!.dialogs[Number(s.answer.slice(1))]?.answer ?? 'cancel';
  }
  trace.forEach((t, i) => {
    const at = steps.findIndex((s) => s.type === 'call' && s.call === i + 1);
    steps.splice(at === -1 ? steps.length : at, 0, { type: 'result', call: i, result: t.result });
  });
  return { steps, trace };
}

function describeCall(c: TraceStep['call']): string {
  switch (c.op) {
    case 'logon':
      return `logon by "${c.client}", profile name ${JSON.stringify(c.profileName)}, flags ${JSON.stringify(c.flags)}`;
    case 'logoff':
      return `logoff by "${c.client}", flags ${JSON.stringify(c.flags)}`;
    case 'statusTable':
      return `status table of "${c.client}"`;
    default:
      return c.op;
  }
}
