import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { assign } from 'xstate';
import { messageServiceMachine } from '../machines/messageService.js';
import { providerLogonMachine } from '../machines/providerLogon.js';
import { sessionMachine, type SessionContext } from '../machines/session.js';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import { runCli } from '../src/cli/main.js';
import { parseCheckerConfig, type CheckerConfigInput } from '../src/checker/config.js';
import { counterexampleScenario } from '../src/checker/counterexample.js';
import { explore } from '../src/checker/explore.js';
import { exploreParallel } from '../src/checker/parallel.js';
import type { SubsystemFactory } from '../src/checker/run.js';
import { MAPI_NO_MAIL } from '../src/constants/flags.js';
import { parseScenario } from '../src/schema/parseScenario.js';
import { traceScenario } from '../src/simulator/runScenario.js';
import { createMapiSubsystem, providerLogonContext } from '../src/subsystem/createMapiSubsystem.js';
import { fromEffect } from '../src/subsystem/fromEffect.js';
import type { LogonEffects } from '../src/subsystem/provideMachines.js';
import type { MapiSubsystem, MapiSubsystemOptions } from '../src/subsystem/types.js';

/**
 * Wrong variants of the machines are planted where the subsystem provides them: this file's copy
 * of provideMachines takes extra guards and actions per machine (`.provide()` does not reach child
 * machines, so the chain is rebuilt from the inside out, as src/subsystem/provideMachines.ts does).
 */
type Impl = { guards?: Record<string, unknown>; actions?: Record<string, unknown> };
interface Variant {
  service?: Impl;
  logon?: Impl;
  session?: Impl;
  /** Wraps the provider effect (after the subsystem's C-R9 check) of the subsystem being made. */
  providerEffect?: (real: LogonEffects['logon'], input: Parameters<LogonEffects['logon']>[0], made: Made) => unknown;
}
/** The subsystem being made and its options (`capturing` fills it in), for variants that reach around it. */
interface Made {
  options: MapiSubsystemOptions | null;
  subsystem: MapiSubsystem | null;
}
const planted = vi.hoisted(() => ({ variant: null as Variant | null, making: { options: null, subsystem: null } as Made }));

vi.mock('../src/subsystem/provideMachines.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/subsystem/provideMachines.js')>();
  return {
    ...real,
    provideMachines(effects: LogonEffects) {
      const v = planted.variant;
      if (!v) return real.provideMachines(effects);
      // provideMachines runs inside createMapiSubsystem: this is the subsystem `capturing` is making.
      const made = planted.making;
      const logonEffect = v.providerEffect ? (input: Parameters<LogonEffects['logon']>[0]) => v.providerEffect!(effects.logon, input, made) : effects.logon;
      const logoffProviders = (_: unknown, params: { providers: Parameters<LogonEffects['logoff']>[0] }) => effects.logoff(params.providers);
      const provider = providerLogonMachine.provide({ actors: { providerConfig: fromEffect(effects.providerConfig), logon: fromEffect(logonEffect) } });
      const service = messageServiceMachine.provide({
        actors: { providerLogon: provider, serviceConfig: fromEffect(effects.serviceConfig), retry: fromEffect(effects.retry) },
        actions: { logoffProviders, ...(v.service?.actions ?? {}) } as never,
        guards: (v.service?.guards ?? {}) as never,
      });
      const logon = sessionLogonMachine.provide({
        actors: {
          messageService: service,
          profilePicker: fromEffect(effects.profilePicker),
          password: fromEffect(effects.password),
          validateCredentials: fromEffect(effects.validateCredentials),
        },
        guards: (v.logon?.guards ?? {}) as never,
      });
      const session = sessionMachine.provide({
        actors: { messageService: service },
        actions: { logoffProviders, ...(v.session?.actions ?? {}) } as never,
        guards: (v.session?.guards ?? {}) as never,
      });
      return { logon, session };
    },
  };
});

/** A small bound: one profile of two services (3 + 2 providers), a second profile, two clients. */
function bound(over: Partial<CheckerConfigInput>): CheckerConfigInput {
  return {
    profiles: [
      {
        name: 'Work',
        default: true,
        services: [
          {
            name: 'Exchange',
            providers: [
              { name: 'GAL', kind: 'addressBook', identity: 'Exchange GAL' },
              { name: 'Mailbox', kind: 'store', identity: 'Alice', primaryIdentity: true, sessionLimit: 1 },
              { name: 'Xport', kind: 'transport' },
            ],
          },
          { name: 'Internet', providers: [{ name: 'Pst', kind: 'store', identity: 'alice@example.com' }, { name: 'Smtp', kind: 'transport' }] },
        ],
      },
      { name: 'Home', services: [{ name: 'Pop', providers: [{ name: 'PopStore', kind: 'store' }] }] },
    ],
    providerAnswers: ['S_OK'],
    clients: [
      {
        name: 'outlook',
        calls: [
          { op: 'initialize' },
          { op: 'logon', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] },
          { op: 'logoff', flags: [] },
          { op: 'statusTable' },
          { op: 'queryIdentity' },
        ],
      },
      { name: 'fax', calls: [{ op: 'logon', profileName: 'Work', flags: [] }, { op: 'logoff', flags: [] }] },
    ],
    depth: 3,
    ...over,
  };
}

async function check(over: Partial<CheckerConfigInput>, variant: Variant | null, create?: SubsystemFactory) {
  planted.variant = variant;
  try {
    const config = parseCheckerConfig(bound(over));
    const result = await explore(config, { create });
    if (!result.counterexample) return { result, length: 0, rules: [] as string[], config };
    return { result, length: result.counterexample.steps.length, rules: result.counterexample.violations.map((v) => v.rule), config };
  } finally {
    planted.variant = null;
  }
}

/** A wrapper subsystem: `wrap` sees the real one and the options it was made with. */
const wrapped = (wrap: (inner: MapiSubsystem, options: MapiSubsystemOptions) => MapiSubsystem): SubsystemFactory => (options) =>
  wrap(createMapiSubsystem(options), options);

const capturing: SubsystemFactory = (options) => {
  const made: Made = { options, subsystem: null };
  planted.making = made;
  made.subsystem = createMapiSubsystem(options);
  return made.subsystem;
};
/** Calls the app's provider as the subsystem would for this attempt. */
function appProvider(input: Parameters<LogonEffects['logon']>[0], made: Made): unknown {
  return made.options!.providerLogon!(
    providerLogonContext(input),
    { signal: new AbortController().signal },
  );
}

const TIMEOUT = 120_000;
const found: Array<[string, number, string[]]> = [];

describe('mapi-logon check (issue 14 item 1)', () => {
  it('the correct model breaks no invariant at a small bound (every rule the checker knows)', { timeout: TIMEOUT }, async () => {
    const { result } = await check(
      {
        providerAnswers: ['S_OK', 'MAPI_E_NETWORK_ERROR'],
        answersFor: { 'Work/Exchange/GAL': ['S_OK', 'MAPI_E_FAILONEPROVIDER'], 'Work/Internet/Pst': ['MAPI_W_ERRORS_RETURNED'], 'Work/Internet/Smtp': ['S_OK'], 'Home/Pop/PopStore': ['S_OK'] },
        dialogAnswers: { retry: ['retry', 'cancel'], profilePicker: ['Work'], password: ['valid'], serviceConfig: ['complete'], providerConfig: ['complete'] },
        clients: [
          {
            name: 'outlook',
            calls: [
              { op: 'initialize' },
              { op: 'uninitialize' },
              { op: 'logon', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] },
              { op: 'logon', profileName: 'Work', flags: ['MAPI_LOGON_UI', 'MAPI_FORCE_DOWNLOAD'] },
              { op: 'logoff', flags: ['MAPI_LOGOFF_SHARED'] },
              { op: 'statusTable' },
              { op: 'queryIdentity' },
            ],
          },
          { name: 'fax', calls: [{ op: 'logon', profileName: 'Work', flags: [] }, { op: 'logoff', flags: [] }, { op: 'queryIdentity' }] },
        ],
        depth: 3,
      },
      null,
    );
    expect(result.counterexample).toBeNull();
    expect(result.states).toBeGreaterThan(20);
    expect(result.depth).toBe(3);
  });

  it('expanding each state from its saved copy finds the same states and transitions as replaying its calls', { timeout: TIMEOUT }, async () => {
    const config = parseCheckerConfig(bound({ providerAnswers: ['S_OK', 'MAPI_E_NETWORK_ERROR'], depth: 4 }));
    const restoring = await explore(config);
    const replaying = await explore(config, { reuse: false });
    expect(restoring.states).toBeGreaterThan(100);
    expect([restoring.states, restoring.transitions, restoring.depth, restoring.counterexample]).toEqual([replaying.states, replaying.transitions, replaying.depth, null]);
  });

  it('two worker threads find the same states and transitions as one', { timeout: TIMEOUT }, async () => {
    const config = parseCheckerConfig(bound({ providerAnswers: ['S_OK', 'MAPI_E_NETWORK_ERROR'], depth: 3 }));
    const one = await explore(config);
    const two = await exploreParallel(config, 2);
    expect(two.workers).toBe(2);
    expect([two.states, two.transitions, two.depth, two.counterexample]).toEqual([one.states, one.transitions, one.depth, null]);
    // The subsystem's share of the work is part of the search's, on one thread and summed over two.
    for (const r of [one, two]) {
      expect(r.subsystemMs).toBeGreaterThan(0);
      expect(r.statesPerSubsystemSec).toBe(Math.round(r.states / (r.subsystemMs / 1000)));
    }
    expect(one.subsystemMs).toBeLessThan(one.elapsedMs);
  });

  const mutants: Array<{ name: string; rules: string[]; over: Partial<CheckerConfigInput>; variant?: Variant; create?: SubsystemFactory }> = [
    {
      name: 'C-R5: a service disabled at its first failure',
      rules: ['C-R5'],
      over: { answersFor: { 'Work/Exchange/Mailbox': ['S_OK', 'MAPI_E_NETWORK_ERROR'] } },
      variant: { service: { guards: { failedBefore: () => true } } },
    },
    {
      name: 'C-R7: MAPI_E_FAILONEPROVIDER counted as a failure',
      rules: ['C-R7'],
      over: { answersFor: { 'Work/Exchange/GAL': ['S_OK', 'MAPI_E_FAILONEPROVIDER'] } },
      variant: {
        service: {
          guards: { providerSaid: (_: unknown, p: { hr: string; expected: string }) => p.expected !== 'MAPI_E_FAILONEPROVIDER' && p.hr === p.expected },
        },
      },
    },
    {
      name: 'C-R9: a session limit that uses up a scripted outcome (the app is called anyway)',
      rules: ['C-R9'],
      over: {},
      variant: {
        providerEffect: (real, input, made) => {
          const r = real(input);
          // The wrong order: the limit answered after the provider's own logon was called.
          if (r === 'MAPI_E_SESSION_LIMIT') void appProvider(input, made);
          return r;
        },
      },
      create: capturing,
    },
    {
      name: 'C-R9: disabled providers still counted against limits',
      rules: ['C-R9'],
      over: {
        answersFor: { 'Work/Exchange/Xport': ['S_OK', 'MAPI_E_NETWORK_ERROR'] },
        clients: [
          { name: 'outlook', calls: [{ op: 'initialize' }, { op: 'logon', profileName: 'Work', flags: [] }] },
          { name: 'fax', calls: [{ op: 'logon', profileName: 'Work', flags: ['MAPI_NEW_SESSION'] }] },
        ],
      },
      variant: {
        providerEffect: (real, input, made) => {
          // Sessions where the provider logged on once count, even after C7 disabled it. (Inside
          // MAPILogonEx only: during a new session's spooler start state() cannot be read, see the report.)
          if (input.session !== null) return real(input);
          const state = made.subsystem!.state();
          const def = state.profiles.find((p) => p.name === input.profile)?.services.find((s) => s.name === input.service)?.providers.find((p) => p.name === input.provider.name);
          const holding = state.sessions.filter(
            (s) =>
              s.id !== input.session &&
              s.services.some((x) => x.name === input.service && x.providers.some((p) => p.name === input.provider.name && p.hrs.some((hr) => !hr.startsWith('MAPI_E_')))),
          ).length;
          if (def?.sessionLimit != null && holding >= def.sessionLimit) return 'MAPI_E_SESSION_LIMIT';
          return real(input);
        },
      },
      create: capturing,
    },
    {
      name: 'S-R2: a shared session ended by a logoff that is not the last',
      rules: ['S-R2'],
      over: { depth: 4 },
      variant: { session: { guards: { logoffEnds: () => true } } },
    },
    {
      name: 'C-R2: transports logged on inside the logon without MAPI_FORCE_DOWNLOAD',
      rules: ['C-R2'],
      over: {},
      variant: { logon: { guards: { transportsInLogon: ({ context }: { context: { flags: number } }) => (context.flags & MAPI_NO_MAIL) === 0 } } },
    },
    {
      name: 'C-R1: MAPI_SERVICE_UI_ALWAYS shows no service configuration dialog (C2)',
      rules: ['C-R1'],
      over: { clients: [{ name: 'outlook', calls: [{ op: 'initialize' }, { op: 'logon', profileName: 'Home', flags: ['MAPI_SERVICE_UI_ALWAYS'] }] }] },
      variant: { service: { guards: { serviceUiAlways: () => false } } },
    },
    {
      name: 'S-R1: initialize as a switch, not a count',
      rules: ['S-R1'],
      over: { clients: [{ name: 'outlook', calls: [{ op: 'initialize' }, { op: 'uninitialize' }, { op: 'logon', profileName: 'Work', flags: [] }] }] },
      create: wrapped((inner) => ({
        ...inner,
        initialize: async () => (inner.state().initCount > 0 ? { hr: 'S_OK', hrValue: 0, initCount: 1 } : inner.initialize()),
      })),
    },
    {
      name: 'D-R3: an identity from a provider that is not logged on',
      rules: ['D-R3'],
      over: { answersFor: { 'Work/Exchange/Mailbox': ['S_OK', 'MAPI_E_FAILONEPROVIDER'] } },
      variant: {
        session: {
          actions: {
            // Every provider with an identity counts, logged on or not.
            answerIdentity: assign(({ context }: { context: SessionContext }) => {
              const all = context.profile.services.flatMap((s) => s.providers.filter((p) => p.identity).map((p) => ({ provider: p.name, service: s.name, display: p.identity!, primary: p.primaryIdentity })));
              const chosen = all.find((p) => p.primary) ?? all[0];
              return { identity: chosen ? { provider: chosen.provider, service: chosen.service, display: chosen.display } : null };
            }),
          },
        },
      },
    },
    {
      name: 'C-R6: a disabled service keeps its providers logged on (no logoff at C7)',
      rules: ['C-R6', 'D-R4'],
      over: { answersFor: { 'Work/Exchange/Xport': ['S_OK', 'MAPI_E_NETWORK_ERROR'] } },
      variant: { service: { actions: { logoffProviders: () => {} } } },
    },
    {
      name: "D-R1: the spooler's start calls no transport",
      rules: ['D-R1'],
      over: {},
      variant: { session: { guards: { everyServiceRun: () => true } } },
    },
    {
      name: 'SPEC-8 (flowchart A): a named profile taken for a NULL name (A4 answers yes)',
      rules: ['SPEC-8'],
      over: {},
      variant: { logon: { guards: { profileNameNull: () => true } } },
    },
    {
      name: 'S-R2: MAPI_LOGOFF_SHARED notifies nobody',
      rules: ['S-R2'],
      over: {
        clients: [
          { name: 'outlook', calls: [{ op: 'initialize' }, { op: 'logon', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS'] }, { op: 'logoff', flags: ['MAPI_LOGOFF_SHARED'] }] },
          { name: 'fax', calls: [{ op: 'logon', profileName: 'Work', flags: [] }] },
        ],
        depth: 4,
      },
      variant: { session: { actions: { notify: assign({ notified: [] }) } } },
    },
  ];

  it('mapi-logon check: exit 1, a counterexample file the simulator reads, a viewer link at its step; --json', { timeout: TIMEOUT }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-'));
    const configFile = join(dir, 'bound.json');
    writeFileSync(configFile, JSON.stringify(bound({ answersFor: { 'Work/Exchange/Mailbox': ['S_OK', 'MAPI_E_NETWORK_ERROR'] } })));
    const out: string[] = [];
    const errors: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void errors.push(t), color: false };
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((t) => (out.push(String(t)), true));
    planted.variant = { service: { guards: { failedBefore: () => true } } };
    try {
      expect(await runCli(['check', configFile, '--out', join(dir, 'cx.json')])).toBe(0);
      expect(process.exitCode).toBe(1);
      process.exitCode = 0;
      const text = out.join('');
      expect(text).toMatch(/VIOLATION after 2 call\(s\)/);
      expect(text).toMatch(/C-R5: /);
      const link = /viewer link: (\S+)/.exec(text)![1]!;
      const step = Number(/mapi-logon view \S+ --step (\d+)/.exec(text)![1]);
      expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:4400/#s=[A-Za-z0-9_-]+&step=${step}$`));
      const scenario = parseScenario(JSON.parse(readFileSync(join(dir, 'cx.json'), 'utf8')));
      expect(scenario.calls.map((c) => c.op)).toEqual(['initialize', 'logon']);
      // The link carries the file's text, deflated.
      expect(inflateSync(Buffer.from(/#s=([^&]+)/.exec(link)![1]!, 'base64url')).toString('utf8')).toBe(readFileSync(join(dir, 'cx.json'), 'utf8'));
      planted.variant = null;
      out.length = 0;
      expect(await runCli(['check', configFile, '--json', '--depth', '2'])).toBe(0);
      expect(process.exitCode).toBe(0);
      const figures = JSON.parse(out.join(''));
      expect(figures).toMatchObject({ ok: true, depth: 2, counterexample: null });
      expect(figures.states).toBeGreaterThan(1);
      out.length = 0;
      expect(await runCli(['check', join(dir, 'missing.json')], io)).toBe(2);
      expect(await runCli(['check', '--depth', 'x'], io)).toBe(2);
      writeFileSync(configFile, JSON.stringify({ ...bound({}), depth: 0 }));
      expect(await runCli(['check', configFile], io)).toBe(2);
      expect(errors.join('')).toMatch(/missing\.json: cannot read/);
      expect(errors.join('')).toMatch(/depth/);
    } finally {
      spy.mockRestore();
      planted.variant = null;
      process.exitCode = 0;
    }
  });

  // A wrong variant may also make a call throw or never answer: the checker reports that call
  // (SPEC 8: every call answers with an HRESULT) instead of crashing or hanging with it.
  const failing: Array<{ name: string; message: RegExp; variant?: Variant; create?: SubsystemFactory }> = [
    {
      name: 'a spooler start that skips services without end (an eventless loop in D2)',
      message: /^logon by (outlook|fax) threw .*more than 10000 microsteps in one macrostep \(an eventless loop, at session\.D2\.nextService\)/,
      variant: { session: { guards: { everyServiceRun: () => false, serviceHasNoTransport: () => true } } },
    },
    {
      name: 'a status table that never answers',
      message: /^statusTable by (outlook|fax) never answered/,
      create: wrapped((inner) => ({
        ...inner,
        logonEx: async (params) => {
          const r = await inner.logonEx(params);
          return r.session ? { ...r, session: { ...r.session, statusTable: () => new Promise<never>(() => {}) } } : r;
        },
      })),
    },
  ];
  for (const f of failing) {
    it(`finds a call that throws or never answers — ${f.name}`, { timeout: TIMEOUT }, async () => {
      const { result, length, rules, config } = await check({}, f.variant ?? null, f.create);
      expect(result.counterexample, `${f.name}: no counterexample in ${result.states} states`).not.toBeNull();
      expect(rules).toEqual(['SPEC-8']);
      expect(result.counterexample!.violations[0]!.message).toMatch(f.message);
      expect(length).toBeGreaterThan(1);
      planted.variant = f.variant ?? null;
      try {
        // Its scenario is written all the same: the calls up to the one that failed, with the answers given.
        const cx = await counterexampleScenario(config, result.counterexample!.steps, result.counterexample!.violations, f.create);
        expect(parseScenario(cx.scenario).calls).toHaveLength(length);
        expect(cx.call).toBe(length);
        // The link opens after the calls before the failing one (the viewer cannot show its result).
        expect(cx.step).toBeGreaterThan(length - 1);
      } finally {
        planted.variant = null;
      }
    });
  }

  for (const m of mutants) {
    it(`finds a wrong variant — ${m.name}`, { timeout: TIMEOUT }, async () => {
      const { result, length, rules, config } = await check(m.over, m.variant ?? null, m.create);
      expect(result.counterexample, `${m.name}: no counterexample in ${result.states} states`).not.toBeNull();
      found.push([m.name, length, rules]);
      console.log(`${m.name}: counterexample of ${length} calls after ${result.states} states (${[...new Set(rules)].join(', ')})`);
      console.log(result.counterexample!.violations.map((v) => `  ${v.rule}: ${v.message}`).join('\n'));
      expect(rules.some((r) => m.rules.includes(r)), `rules ${rules.join(', ')}`).toBe(true);
      expect(length).toBeGreaterThan(0);
      expect(length).toBeLessThanOrEqual(config.depth);
      // The scenario file is valid input for the simulator and replays the same run on the variant.
      planted.variant = m.variant ?? null;
      try {
        const cx = await counterexampleScenario(config, result.counterexample!.steps, result.counterexample!.violations, m.create);
        const scenario = parseScenario(cx.scenario);
        expect(scenario.calls).toHaveLength(length);
        expect(cx.call).toBe(length);
        // The viewer's step that shows the failing call's result (after every step of the calls before it).
        expect(cx.step).toBeGreaterThan(length);
        const steps = await traceScenario(scenario, { interpreter: 'compiled', ...(m.create ? { create: m.create } : {}) });
        expect(steps).toHaveLength(length);
      } finally {
        planted.variant = null;
      }
    });
  }
});
