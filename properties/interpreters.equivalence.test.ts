import { expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { arbFault, type Fault } from '../src/arbitraries/profiles.js';
import { arbSession, type SessionScenario } from '../src/arbitraries/session.js';
import { runScenario, type LogonCallResult, type ScenarioOutput } from '../src/simulator/runScenario.js';
import type { ProviderLogonContext } from '../src/subsystem/createMapiSubsystem.js';

/**
 * Flags that let flowchart A through to the services on their own (no dialog needed, no V-R
 * refusal): the generator below draws from them for the runs meant to reach flowcharts C and B.
 */
const PASSING_FLAGS = ['MAPI_NEW_SESSION', 'MAPI_ALLOW_OTHERS', 'MAPI_EXTENDED', 'MAPI_NO_MAIL', 'MAPI_FORCE_DOWNLOAD', 'MAPI_TIMEOUT_SHORT', 'MAPI_BG_SESSION'];
const MAX_CALLS = 13;

/**
 * arbSession's scenario turned toward the services: every profile's credentials valid, each
 * logon naming a profile the scenario has, with flags that pass flowchart A, and QueryIdentity
 * calls beside the status tables. Drawn apart and
 * fitted (no `chain`), so a failure shrinks on each part.
 */
const arbReachingSession: fc.Arbitrary<SessionScenario> = fc
  .tuple(arbSession, fc.array(fc.subarray(PASSING_FLAGS), { minLength: MAX_CALLS, maxLength: MAX_CALLS }), fc.array(fc.nat(2), { minLength: MAX_CALLS, maxLength: MAX_CALLS }))
  .map(([s, flags, pick]) => ({
    profiles: s.profiles.map((p) => ({ ...p, credentials: 'valid' as const })),
    calls: s.calls.map((c, i): SessionScenario['calls'][number] => {
      if (c.op === 'logon') return { ...c, profileName: s.profiles[pick[i]! % s.profiles.length]!.name, flags: flags[i]! };
      // Every other status table read becomes a QueryIdentity (the live-session machine's other question).
      if (c.op === 'statusTable' && i % 2 === 0) return { op: 'queryIdentity', client: c.client };
      return c;
    }),
  }));

/** Two in three runs aimed at the services, one in three anywhere arbSession goes (A's refusals and dialogs too). */
const arbScenario = fc.oneof({ weight: 2, arbitrary: arbReachingSession }, { weight: 1, arbitrary: arbSession });

/** Whether a run got past flowchart A into at least one message service. */
const reachesServices = (out: ScenarioOutput) =>
  out.results.some((r) => r.op === 'logon' && (r as LogonCallResult).services.some((s) => s.path.length > 0));

/**
 * Runs a scenario through the simulator on one interpreter; the n-th provider call misbehaves as
 * `faults[n]` says, and answers at once or on the event loop's next turn as `async[n]` says (so
 * actors settle in both orders; setImmediate, as a timer would wait a millisecond each time).
 */
async function run(s: SessionScenario, faults: Fault[], async: boolean[], interpreter: 'compiled' | 'xstate') {
  const calls: Array<ProviderLogonContext & { answer: unknown }> = [];
  const output = await runScenario(s, {
    interpreter,
    providerLogon: (ctx, scripted) => {
      const n = calls.length;
      const fault = faults[n] ?? 'none';
      calls.push({ ...ctx, answer: fault });
      const answer = () => {
        if (fault === 'throw') throw new Error(`${ctx.provider} crashed`);
        if (fault === 'reject') return Promise.reject(new Error(`${ctx.provider} rejected`));
        return fault === 'garbage' ? { garbage: true } : scripted(ctx);
      };
      return async[n] ? new Promise((resolve) => setImmediate(resolve)).then(answer) : answer();
    },
  });
  return { output, calls };
}

// 1,000 runs in CI (and under FC_NUM_RUNS, e.g. npm run test:deep); 200 locally.
const numRuns = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : process.env.CI ? 1000 : 200;

test.prop([arbScenario, fc.array(arbFault, { maxLength: 24 }), fc.array(fc.boolean(), { maxLength: 24 })], { numRuns })(
  "A-, B-, C-rules alike on both interpreters: the compiled interpreter gives xstate's run (results, paths, dialogs, services, provider calls in order)",
  async (s, faults, async) => {
    const onXstate = await run(s, faults, async, 'xstate');
    const compiled = await run(s, faults, async, 'compiled');
    expect(compiled).toEqual(onXstate);
  },
  // Whole scenarios on two interpreters, numRuns times: generous for a loaded host.
  600_000,
);

it('the equivalence property reaches the message services in at least half its runs (its generator, sampled with a fixed seed)', async () => {
  const sample = fc.sample(arbScenario, { numRuns: 200, seed: 12 });
  let reached = 0;
  for (const s of sample) if (reachesServices(await runScenario(s, { interpreter: 'xstate' }))) reached++;
  expect(reached / sample.length, `${reached} of ${sample.length} runs reached a service`).toBeGreaterThanOrEqual(0.5);
}, 300_000);
