import { createBrowserInspector } from '@statelyai/inspect';
import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { createMapiSubsystem, type MapiSubsystemOptions } from '../src/subsystem/createMapiSubsystem.js';
import { sanitizeInspection } from '../src/subsystem/sanitizeInspection.js';

/** The spellings of the attack (issue 11), each planted with values of its own. */
const SPELLINGS = [
  'password', 'Password', 'PASSWORD', 'pwd', 'passwd', 'secret', 'apiKey', 'api_key', 'authorization',
  'Authorization', 'accessToken', 'access_token', 'refreshToken', 'token', 'cookie', 'Cookie', 'credentials', 'sessionKey',
] as const;

const MARKER = 'PLANTED';
const planted = new Set<string>();
let counter = 0;
/** A unique value no model data could contain by chance. */
function plant(where: string): string {
  const value = `${MARKER}${++counter}q${where.replace(/[^A-Za-z0-9]/g, '')}`;
  planted.add(value);
  return value;
}
/** One object with every spelling, each with its own planted value. */
const secrets = (where: string): Record<string, string> => Object.fromEntries(SPELLINGS.map((s) => [s, plant(`${where}${s}`)]));

class AppAnswer {
  hr = 'S_OK';
  constructor(where: string) {
    Object.assign(this, secrets(where));
  }
}

/** A Proxy whose every trap throws (but `then`, so it is an answer and not a promise). */
function throwingProxy(where: string): object {
  const boom = (): never => {
    throw Object.assign(new Error(plant(`${where}trap`)), secrets(`${where}traperror`));
  };
  return new Proxy(secrets(where), {
    get: (target, key) => (key === 'then' ? undefined : boom()),
    ownKeys: boom,
    getOwnPropertyDescriptor: boom,
    getPrototypeOf: boom,
    has: boom,
  });
}

/** Every shape an app's answer (a provider's or a dialog's) has been seen to take; each call plants fresh values. */
const SHAPES: Record<string, (where: string) => unknown> = {
  flat: (w) => ({ ...secrets(w), hr: 'S_OK' }),
  nested: (w) => ({ hr: 'S_OK', inner: { deeper: { ...secrets(`${w}deep`), list: [secrets(`${w}list`)] } }, ...secrets(w) }),
  array: (w) => [secrets(w), 'S_OK', [secrets(`${w}inner`)]],
  classInstance: (w) => new AppAnswer(w),
  errorReturned: (w) => Object.assign(new Error(plant(`${w}message`)), secrets(w)),
  errorThrown: (w) => {
    throw Object.assign(new Error(plant(`${w}message`)), secrets(w), { cause: secrets(`${w}cause`) });
  },
  stringThrown: (w) => {
    throw plant(w);
  },
  throwingProxy: (w) => throwingProxy(w),
  // Even `then` throws: the subsystem's own look at the answer fails too.
  fullyThrowingProxy: (w) => {
    const boom = (): never => {
      throw Object.assign(new Error(plant(`${w}fulltrap`)), secrets(`${w}fulltraperror`));
    };
    return new Proxy(secrets(w), { get: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom, has: boom });
  },
  rejectedObject: (w) => Promise.reject(secrets(w)),
  rejectedString: (w) => Promise.reject(plant(w)),
  rejectedError: (w) => Promise.reject(Object.assign(new Error(plant(`${w}message`)), secrets(w))),
  resolvedObject: (w) => Promise.resolve({ ...secrets(w), hr: 'S_OK' }),
  plantedString: (w) => plant(w),
  withToJSON: (w) => ({ hr: 'S_OK', toJSON: () => secrets(`${w}json`), ...secrets(w) }),
  withGetter: (w) => Object.defineProperty({ ...secrets(w) }, 'hr', { enumerable: true, get: () => plant(`${w}getter`) }),
};

/** The profiles, with extra fields an app might add beside the known ones (the schema strips them). */
function profiles(): MapiSubsystemOptions['profiles'] {
  const extra = (w: string) => secrets(w) as Record<string, unknown>;
  // A profile's `credentials` is a checked field: a planted value there is refused (the next test).
  const { credentials: _checked, ...profileExtra } = extra('profileopt');
  return [
    {
      name: 'Work', default: true, ...profileExtra,
      services: [
        { name: 'Exchange', ...extra('serviceopt'), providers: [
          { name: 'GAL', kind: 'addressBook', ...extra('provideropt') },
          { name: 'Transport', kind: 'transport' },
        ] },
        // Its own service, so that a disabled Exchange does not skip it: B8 asks the providerConfig dialog.
        { name: 'Local', providers: [{ name: 'Mailbox', kind: 'store', configured: false }] },
      ],
    } as MapiSubsystemOptions['profiles'][number],
    { name: 'Locked', credentials: 'invalid', services: [{ name: 'Store', providers: [{ name: 'PST', kind: 'store' }] }] },
  ];
}

/** Posts of a real @statelyai/inspect browser inspector, to a fake window standing in for the inspector's. */
function statelyInspector() {
  const posted: unknown[] = [];
  const listeners: ((e: { data: unknown }) => void)[] = [];
  const target = { postMessage: (data: unknown) => posted.push(data) };
  const win = {
    open: () => target,
    addEventListener: (type: string, fn: (e: { data: unknown }) => void) => type === 'message' && listeners.push(fn),
    removeEventListener: () => {},
    postMessage: () => {},
  };
  const inspector = createBrowserInspector({ window: win as unknown as Window, maxDeferredEvents: 1_000_000 });
  // The inspector window says it is there: from now on every event is posted.
  listeners.forEach((fn) => fn({ data: { type: '@statelyai.connected' } }));
  /** Its events are converted on idle callbacks (timers in Node): wait until no more come. */
  const settled = async () => {
    let last = -1;
    while (last !== posted.length) {
      last = posted.length;
      await new Promise((r) => setTimeout(r, 30));
    }
  };
  return { inspector, posted, settled };
}

interface Found {
  where: string;
  what: string;
}

/** Every string and key reachable from `root` (getSnapshot stand-ins are called and followed) that holds a planted value. */
function findPlanted(root: unknown): Found[] {
  const found: Found[] = [];
  const seen = new Set<unknown>();
  // Every planted value starts with the marker, and no model data holds it: any occurrence is a leak.
  const check = (s: string, where: string) => {
    if (s.includes(MARKER)) found.push({ where, what: s.slice(0, 80) });
  };
  const walk = (v: unknown, where: string) => {
    if (typeof v === 'string') return check(v, where);
    if (v === null || (typeof v !== 'object' && typeof v !== 'function') || seen.has(v)) return;
    seen.add(v);
    for (const key of Reflect.ownKeys(v as object)) {
      const k = String(key);
      check(k, `${where}.${k}`);
      const desc = Object.getOwnPropertyDescriptor(v, key)!;
      if (k === 'getSnapshot' && typeof desc.value === 'function') walk(desc.value(), `${where}.getSnapshot()`);
      else walk(desc.value ?? desc.get, `${where}.${k}`);
    }
  };
  walk(root, '$');
  return found;
}

/** Objects reachable from `root` that are not fresh plain data: class instances, Errors, functions other than getSnapshot. */
function notPlain(root: unknown, allowGetSnapshot: boolean): string[] {
  const bad: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, where: string) => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) bad.push(`${where}: ${proto?.constructor?.name}`);
    for (const [k, x] of Object.entries(v)) {
      if (typeof x === 'function' && !(allowGetSnapshot && k === 'getSnapshot')) bad.push(`${where}.${k}: function`);
      walk(x, `${where}.${k}`);
    }
  };
  walk(root, '$');
  return bad;
}

/** Runs logons that reach every dialog and the provider, each answering with `shape`. */
async function attack(shape: (where: string) => unknown, name: string, inspect: (e: InspectionEvent) => void) {
  let n = 0;
  const reached = new Set<string>();
  const answer = (where: string) => () => {
    reached.add(where);
    return shape(`${name}${where}${++n}`);
  };
  const mapi = createMapiSubsystem({
    profiles: profiles(),
    providerLogon: answer('provider') as MapiSubsystemOptions['providerLogon'],
    dialogs: {
      profilePicker: answer('picker') as never,
      password: answer('password') as never,
      serviceConfig: answer('serviceConfig') as never,
      providerConfig: answer('providerConfig') as never,
      retry: answer('retry') as never,
    },
    inspect,
  });
  await mapi.initialize();
  const logons = [
    // C2 (serviceConfig), B8 (providerConfig), the provider's answer, C6 (retry).
    { profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_SERVICE_UI_ALWAYS'], client: `${name}-a` },
    // A9: the profile picker.
    { profileName: null, flags: ['MAPI_LOGON_UI'], client: `${name}-b` },
    // A14: the password dialog.
    { profileName: 'Locked', flags: ['MAPI_PASSWORD_UI'], client: `${name}-c` },
    // V-R4 rejects a password: it never reaches a machine.
    { profileName: 'Work', password: plant(`${name}passwordparam`), client: `${name}-d` },
  ];
  const hrs: string[] = [];
  for (const params of logons) {
    const r = await mapi.logonEx(params as never);
    hrs.push(r.hr);
  }
  return { mapi, hrs, reached: [...reached].sort() };
}

describe('inspection is built from an allowlist of what the model knows (issue 11, item 2)', () => {
  it(
    'planted secrets in 18 spellings through provider answers, dialog answers, errors, rejections and profile options reach no inspector payload',
    async () => {
      const plain: InspectionEvent[] = [];
      const { inspector, posted, settled } = statelyInspector();
      const inspect = (e: InspectionEvent) => {
        plain.push(e);
        inspector.inspect.next?.(e);
      };
      const outcomes: Record<string, string[]> = {};
      for (const [name, shape] of Object.entries(SHAPES)) {
        const { mapi, hrs, reached } = await attack(shape, name, inspect);
        outcomes[name] = hrs;
        // Every channel was reached: the provider and each of the five dialogs got to answer.
        expect(reached, name).toEqual(['password', 'picker', 'provider', 'providerConfig', 'retry', 'serviceConfig']);
        // Profile options: the extra fields were stripped, the subsystem keeps none of them.
        expect(findPlanted(mapi.state())).toEqual([]);
      }
      await settled();

      // The attack ran: every shape reached the provider and the dialogs, many values were planted.
      expect(planted.size).toBeGreaterThan(SPELLINGS.length * Object.keys(SHAPES).length * 5);
      // The password given to logonEx is refused (V-R4) before any machine runs.
      for (const hrs of Object.values(outcomes)) expect(hrs.at(-1)).toBe('MAPI_E_INVALID_PARAMETER');
      expect(plain.length).toBeGreaterThan(500);
      expect(posted.length).toBeGreaterThan(300);

      // Zero planted values, by text and by a deep walk.
      const payloads = JSON.stringify(posted);
      expect([...planted].filter((p) => payloads.includes(p))).toEqual([]);
      expect(payloads).not.toContain(MARKER);
      expect(findPlanted(posted)).toEqual([]);
      expect(findPlanted(plain)).toEqual([]);
      expect(JSON.stringify(plain)).not.toContain(MARKER);

      // Fresh plain data only; no payload has a live actor to read later.
      expect(notPlain(posted, false)).toEqual([]);
      expect(notPlain(plain, true)).toEqual([]);
      // The only getSnapshot an inspector gets is on @xstate.actor stand-ins (@statelyai/inspect calls it):
      // the actor's first snapshot as inspected, a copy that never changes.
      const firstSnapshots = new Map<string, unknown>();
      for (const e of plain) {
        const ref = e.actorRef as unknown as { sessionId: string; getSnapshot?: () => unknown };
        if (e.type !== '@xstate.actor') expect(ref.getSnapshot).toBeUndefined();
        if ('snapshot' in e && !firstSnapshots.has(ref.sessionId)) firstSnapshots.set(ref.sessionId, e.snapshot);
      }
      for (const e of plain.filter((x) => x.type === '@xstate.actor')) {
        const ref = e.actorRef as unknown as { sessionId: string; getSnapshot: () => unknown };
        expect(ref.getSnapshot()).toEqual(firstSnapshots.get(ref.sessionId));
      }

      // The inspector still sees what the model knows: actors with their definitions, node paths, HRESULTs, names.
      const actors = posted.filter((p) => (p as { type?: string }).type === '@xstate.actor') as { name: string; definition?: string }[];
      expect(actors.some((a) => a.name === 'sessionLogon' && a.definition?.includes('"A11"'))).toBe(true);
      for (const shown of ['"path":["A1","A2","A4","A5","A11"', '"hr":"MAPI_E_CALL_FAILED"', '"name":"Mailbox"', '"profile":"Work"', '"kind":"transport"']) {
        expect(payloads.includes(shown), shown).toBe(true);
      }
      // Names show from the first snapshot on: the root's input is known before its first microstep.
      const first = actors.find((a) => a.name === 'sessionLogon') as unknown as { snapshot: { context: { profiles: { name?: string }[] } } };
      expect(first.snapshot.context.profiles.map((p) => p.name)).toEqual(['Work', 'Locked']);
    },
    120_000,
  );

  it('profile options: a planted value in a checked field is refused at creation, before any inspector', () => {
    const value = plant('credentialsfield');
    const seen: InspectionEvent[] = [];
    expect(() =>
      createMapiSubsystem({
        profiles: [{ name: 'Work', credentials: value as 'valid', services: [] }],
        inspect: (e) => seen.push(e),
      }),
    ).toThrow(/credentials/);
    expect(seen).toEqual([]);
  });

  it('unknown fields are dropped, known fields keep only values of their kind, actor refs become ids', () => {
    const seen: InspectionEvent[] = [];
    const inspect = sanitizeInspection((e) => seen.push(e));
    const liveRef = { id: 'x', sessionId: 'x:1', getSnapshot: () => ({ context: { password: 'live' } }), logic: {} };
    const context = {
      profile: 'Work',
      profileName: 'NoSuchProfile',
      path: ['A1', 'A4', 'not a node'],
      hr: 'S_OK',
      hrs: ['S_OK', 'NOT_AN_HRESULT', 0x80040111],
      kind: 'store',
      state: 'some app string',
      attempts: 2,
      uiAllowed: true,
      flags: Number.NaN,
      services: [{ name: 'S', providers: [{ name: 'P', kind: 'transport', hr: 'MAPI_E_LOGON_FAILED', token: 'nope' }] }],
      answer: { password: 'p@ss' },
      nested: { keep: 1 },
      password: 'p@ss',
      instance: new Date(0),
    };
    const snapshot = { status: 'active', value: 'A11', context, machine: {}, _nodes: [] };
    // The root's input: the names the model was given.
    inspect({ type: '@xstate.event', actorRef: liveRef, rootId: 'x:0', event: { type: 'xstate.init', input: { profiles: [{ name: 'Work', services: [{ name: 'S', providers: [{ name: 'P' }] }] }] } } } as never);
    seen.length = 0;
    inspect({ type: '@xstate.snapshot', actorRef: liveRef, rootId: 'x:0', snapshot, event: { type: 'X', token: 't0k', client: 'c' } } as never);
    expect(seen).toHaveLength(1);
    const [e] = seen as unknown as [{ actorRef: unknown; snapshot: { context: unknown }; event: unknown }];
    expect(e.actorRef).toEqual({ id: 'x', sessionId: 'x:1' });
    // 'c' names no client the model was told of.
    expect(e.event).toEqual({ type: 'X' });
    // An actor that is not a machine (a dialog, a provider) shows no context at all.
    expect(e.snapshot).toEqual({ status: 'active' });
    // A snapshot of a machine keeps its allowlisted context.
    const machineRef = { ...liveRef, logic: { config: { id: 'm' }, root: {} } };
    inspect({ type: '@xstate.snapshot', actorRef: machineRef, rootId: 'x:0', snapshot, event: { type: 'X' } } as never);
    expect((seen[1] as unknown as { snapshot: unknown }).snapshot).toEqual({
      status: 'active',
      value: 'A11',
      context: {
        profile: 'Work',
        path: ['A1', 'A4'],
        hr: 'S_OK',
        hrs: ['S_OK'],
        kind: 'store',
        attempts: 2,
        uiAllowed: true,
        services: [{ name: 'S', providers: [{ name: 'P', kind: 'transport', hr: 'MAPI_E_LOGON_FAILED' }] }],
      },
    });
    // The original is left as it was.
    expect(context.password).toBe('p@ss');
  });

  it('names show when the model was given them (a root\'s input, an event the subsystem sent), not when an answer made them up', () => {
    const seen: { snapshot?: { context?: unknown } }[] = [];
    const inspect = sanitizeInspection((e) => seen.push(e as never));
    const root = { id: 'x:0', sessionId: 'x:0', logic: { config: { id: 'session' }, root: {} }, options: { input: { id: 's1', profile: { name: 'Work', services: [] }, creator: { name: 'outlook', flags: 0 } } } };
    inspect({ type: '@xstate.actor', actorRef: root, rootId: 'x:0' } as never);
    // A client joins: the subsystem sends the event (no source).
    inspect({ type: '@xstate.event', actorRef: root, rootId: 'x:0', sourceRef: undefined, event: { type: 'JOIN', client: { name: 'teams', flags: 0 } } } as never);
    // A promise actor's answer is also sent with no source: it teaches no name.
    inspect({ type: '@xstate.event', actorRef: root, rootId: 'x:0', sourceRef: undefined, event: { type: 'xstate.promise.resolve', data: { name: 'answered' } } } as never);
    const context = { profile: 'Work', clients: [{ name: 'outlook' }, { name: 'teams' }, { name: 'answered' }], notified: ['teams', 'stranger'], identity: { display: 'Not given' } };
    inspect({ type: '@xstate.snapshot', actorRef: root, rootId: 'x:0', snapshot: { status: 'active', value: 'D1', context }, event: { type: 'JOIN' } } as never);
    expect(seen.at(-1)!.snapshot!.context).toEqual({ profile: 'Work', clients: [{ name: 'outlook' }, { name: 'teams' }, {}], notified: ['teams'], identity: {} });
    // Another actor system knows none of them.
    inspect({ type: '@xstate.snapshot', actorRef: root, rootId: 'x:9', snapshot: { status: 'active', value: 'D1', context }, event: { type: 'X' } } as never);
    expect(seen.at(-1)!.snapshot!.context).toEqual({ clients: [{}, {}, {}], notified: [], identity: {} });
  });

  it('an inspector that throws, or an event that cannot be read, never breaks a logon', async () => {
    const mapi = createMapiSubsystem({
      profiles: [{ name: 'Work', default: true, services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' }] }] }],
      inspect: () => {
        throw new Error('inspector failed');
      },
    });
    await mapi.initialize();
    expect((await mapi.logonEx({ profileName: 'Work', client: 'a' })).hr).toBe('S_OK');
    const seen: unknown[] = [];
    const inspect = sanitizeInspection((e) => seen.push(e));
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(() => inspect(hostile as never)).not.toThrow();
    expect(() => inspect({ type: '@xstate.event', actorRef: hostile, event: hostile, sourceRef: hostile } as never)).not.toThrow();
  });
});
