import type { InspectionEvent } from 'xstate';
import { DROP, allowRecord, allowValue, type KnownNames } from './allowlist.js';
import { NamesByRoot, learnNames } from './knownNames.js';
import { isPlainArray, isPlainObject, read } from './plainData.js';
import { definitionOf, machineConfig, standIn, type ActorStandIn, type RegisteredActorStandIn } from './standIns.js';
import type { ValueKind } from './vocabulary.js';

/**
 * What an actor that is not a machine (a dialog, a provider's answer, the credential check) may
 * show as its output: an HRESULT name or value, or a word of an answer vocabulary. An app's
 * object, Error or string is never shown.
 */
const ANSWER: ReadonlySet<ValueKind> = new Set<ValueKind>(['hr', 'word', 'number', 'boolean']);
const STATUS: ReadonlySet<ValueKind> = new Set<ValueKind>(['word']);
/** Event types and action types are the machines' and xstate's own identifiers. */
const IDENTIFIER = /^[A-Za-z0-9_.:$@#-]{1,160}$/;
const STATE_KEY = /^[A-Za-z0-9_.$-]{1,64}$/;
const NODE_ID = /^[A-Z][0-9]{1,3}$/;

/** A key copied into a fresh object: never one that would set its prototype. */
const safeKey = (key: string, pattern: RegExp) => key !== '__proto__' && pattern.test(key);

const identifier = (value: unknown): string => (typeof value === 'string' && IDENTIFIER.test(value) ? value : 'unknown');

/** A state value: a state key, or nested keys of a parallel or compound state. */
function stateValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return STATE_KEY.test(value) ? value : undefined;
  if (depth > 16 || !isPlainObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (safeKey(key, STATE_KEY)) out[key] = stateValue(v, depth + 1) ?? {};
  }
  return out;
}

/** `{ <state node id>: { node } }` for the states that stand for a flowchart node. */
function nodeMeta(snapshot: unknown): Record<string, { node: string }> | undefined {
  const getMeta = read(snapshot, 'getMeta');
  if (typeof getMeta !== 'function') return undefined;
  let meta: unknown;
  try {
    meta = getMeta.call(snapshot);
  } catch {
    return undefined;
  }
  if (!isPlainObject(meta)) return undefined;
  const out: Record<string, { node: string }> = {};
  for (const [id, m] of Object.entries(meta)) {
    const node = read(m, 'node');
    if (typeof node === 'string' && NODE_ID.test(node) && safeKey(id, IDENTIFIER)) out[id] = { node };
  }
  return out;
}

function children(snapshot: unknown): Record<string, ActorStandIn> | undefined {
  const refs = read(snapshot, 'children');
  if (refs === null || typeof refs !== 'object') return undefined;
  const out: Record<string, ActorStandIn> = {};
  for (const key of Object.keys(refs).slice(0, 512)) {
    const ref = standIn(read(refs, key));
    if (ref && safeKey(key, STATE_KEY)) out[key] = ref;
  }
  return out;
}

/** A fresh snapshot of allowlisted data: a machine's value, context and output, or another actor's input and answer. */
export function buildSnapshot(snapshot: unknown, isMachine: boolean, names?: KnownNames): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const status = allowValue(STATUS, read(snapshot, 'status'));
  out.status = status === DROP ? 'active' : status;
  const output = read(snapshot, 'output');
  if (isMachine) {
    const value = stateValue(read(snapshot, 'value'));
    if (value !== undefined) out.value = value;
    out.context = allowRecord(read(snapshot, 'context'), names);
    const meta = nodeMeta(snapshot);
    if (meta) out.meta = meta;
    const kids = children(snapshot);
    if (kids) out.children = kids;
    if (output !== undefined) out.output = isPlainObject(output) ? allowRecord(output, names) : null;
  } else {
    const input = read(snapshot, 'input');
    if (input !== undefined) out.input = allowRecord(input, names);
    if (output !== undefined) {
      const kept = allowValue(ANSWER, output);
      out.output = kept === DROP ? null : kept;
    }
  }
  // An actor's error is the app's (a throw, a rejection): never shown, only its status.
  return out;
}

/** Whether the child `childId` of `parent` runs a machine (its output is model data). */
function childIsMachine(parent: unknown, childId: string): boolean {
  const getSnapshot = read(parent, 'getSnapshot');
  if (typeof getSnapshot !== 'function') return false;
  try {
    return machineConfig(read(read(getSnapshot.call(parent), 'children'), childId)) !== undefined;
  } catch {
    return false;
  }
}

const DONE = 'xstate.done.actor.';

/** A fresh event: its type, its allowlisted fields, and an output only as the model knows it. */
export function buildEvent(event: unknown, target: unknown, names?: KnownNames): Record<string, unknown> {
  const type = identifier(read(event, 'type'));
  const out = allowRecord(isPlainObject(event) ? event : {}, names);
  delete out.type;
  const output = isPlainObject(event) ? Object.getOwnPropertyDescriptor(event, 'output') : undefined;
  if (output && 'value' in output) {
    if (type.startsWith(DONE) && isPlainObject(output.value) && childIsMachine(target, type.slice(DONE.length))) {
      out.output = allowRecord(output.value, names);
    } else {
      const kept = allowValue(ANSWER, output.value);
      out.output = kept === DROP ? null : kept;
    }
  }
  const data = isPlainObject(event) ? Object.getOwnPropertyDescriptor(event, 'data') : undefined;
  if (data && 'value' in data) {
    // xstate.promise.resolve / reject carry the app's raw answer or error.
    const kept = allowValue(ANSWER, data.value);
    out.data = kept === DROP ? null : kept;
  }
  return { type, ...out };
}

/** Plain `{ eventType, source, target }` records of the transitions a microstep took (state node ids). */
function transitions(value: unknown): unknown[] {
  if (!isPlainArray(value)) return [];
  return value.slice(0, 64).map((t) => {
    const targets = read(t, 'target');
    return {
      eventType: identifier(read(t, 'eventType')),
      source: identifier(read(read(t, 'source'), 'id')),
      target: isPlainArray(targets) ? targets.slice(0, 64).map((s) => identifier(read(s, 'id'))) : [],
    };
  });
}

interface FirstSnapshot {
  snapshot?: Record<string, unknown>;
}

/**
 * Builds every inspection event an app's inspector gets from what the model knows, afresh; the
 * event xstate made (with its live actor refs, snapshots and app answers) is never passed on.
 */
export function createEventBuilder() {
  // The first snapshot of each actor, for its `@xstate.actor` stand-in; weak, so ended actors go.
  const firsts = new WeakMap<object, FirstSnapshot>();
  const known = new NamesByRoot();
  const slotOf = (ref: unknown): FirstSnapshot => {
    if (ref === null || typeof ref !== 'object') return {};
    let slot = firsts.get(ref);
    if (!slot) firsts.set(ref, (slot = {}));
    return slot;
  };

  return function build(event: InspectionEvent): InspectionEvent | undefined {
    const type = read(event, 'type');
    const ref = read(event, 'actorRef');
    const base = { type, rootId: identifier(read(event, 'rootId')), actorRef: standIn(ref) ?? { id: '', sessionId: '' } };
    const config = machineConfig(ref);
    const names = known.of(base.rootId);
    switch (type) {
      case '@xstate.actor': {
        const slot = slotOf(ref);
        const parent = standIn(read(ref, '_parent'));
        // A root's input is what the subsystem hands the logon; its first snapshots come before xstate.init.
        if (!parent) learnNames(names, read(read(ref, 'options'), 'input'));
        const actorRef: RegisteredActorStandIn = {
          ...base.actorRef,
          ...(parent ? { _parent: parent } : {}),
          ...(config ? { logic: { config: definitionOf(config) } } : {}),
          getSnapshot: () => slot.snapshot ?? { status: 'active' },
        };
        return { ...base, actorRef } as unknown as InspectionEvent;
      }
      case '@xstate.event': {
        const sourceRef = read(event, 'sourceRef');
        const sent = read(event, 'event');
        // What the subsystem hands a logon (the root's input) or sends a session (a client): names the model knows.
        // A promise actor's answer (`xstate.promise.resolve`) is sent with no source too: xstate's own events never teach names.
        if (sourceRef === undefined) {
          const sentType = identifier(read(sent, 'type'));
          if (sentType === 'xstate.init') learnNames(names, read(sent, 'input'));
          else if (!sentType.startsWith('xstate.')) learnNames(names, sent);
        }
        return { ...base, sourceRef: standIn(sourceRef), event: buildEvent(sent, ref, names) } as unknown as InspectionEvent;
      }
      case '@xstate.snapshot':
      case '@xstate.transition':
      case '@xstate.microstep': {
        const snapshot = buildSnapshot(read(event, 'snapshot'), config !== undefined, names);
        const slot = slotOf(ref);
        if (!slot.snapshot) slot.snapshot = buildSnapshot(read(event, 'snapshot'), config !== undefined, names);
        const built: Record<string, unknown> = { ...base, event: buildEvent(read(event, 'event'), ref, names), snapshot };
        if (type === '@xstate.microstep') built._transitions = transitions(read(event, '_transitions'));
        return built as unknown as InspectionEvent;
      }
      case '@xstate.action': {
        const action = read(event, 'action');
        return { ...base, action: { type: identifier(read(action, 'type')), params: allowRecord(read(action, 'params'), names) } } as unknown as InspectionEvent;
      }
      default:
        // An inspection event this module does not know is not passed on.
        return undefined;
    }
  };
}
