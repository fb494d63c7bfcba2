import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { arbFault, type Fault } from '../src/arbitraries/profiles.js';
import { arbSession, type SessionScenario } from '../src/arbitraries/session.js';
import { parseScenario } from '../src/schema/parseScenario.js';
import { traceScenario } from '../src/simulator/runScenario.js';
import type { ProviderLogonContext } from '../src/subsystem/createMapiSubsystem.js';

/**
 * Runs a scenario on one interpreter; the n-th provider call misbehaves as `faults[n]` says, and
 * answers at once or after a tick as `async[n]` says (so actors settle in both orders).
 */
async function run(s: SessionScenario, faults: Fault[], async: boolean[], interpreter: 'compiled' | 'xstate') {
  const calls: Array<ProviderLogonContext & { answer: unknown }> = [];
  const steps = await traceScenario(parseScenario(s), {
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
      return async[n] ? new Promise((resolve) => setTimeout(resolve, 0)).then(answer) : answer();
    },
  });
  return { steps, calls };
}

test.prop([arbSession, fc.array(arbFault, { maxLength: 24 }), fc.array(fc.boolean(), { maxLength: 24 })])(
  'A-, B-, C-rules alike on both interpreters: the compiled interpreter gives xstate\'s run (results, paths, dialogs, provider calls in order)',
  async (s, faults, async) => {
    const onXstate = await run(s, faults, async, 'xstate');
    const compiled = await run(s, faults, async, 'compiled');
    expect(compiled).toEqual(onXstate);
  },
);
