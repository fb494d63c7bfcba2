import type { InspectionEvent } from 'xstate';
import { parseScenario } from '../../src/schema/parseScenario.js';
import { traceScenario, type TraceStep } from '../../src/simulator/runScenario.js';
import type { MapiSubsystemState, ProviderLogonContext } from '../../src/subsystem/createMapiSubsystem.js';
import type { Fault } from '../../src/arbitraries/profiles.js';
import type { CallInput, ProfileInput } from '../../src/arbitraries/types.js';

export interface ProviderCall extends ProviderLogonContext {
  /** What the call answered (or 'throw' / 'reject' for a faulty one). */
  answer: unknown;
}

/** One call of a scenario, with everything the properties look at. */
export interface RecordedStep extends TraceStep {
  /** The provider calls this call made, in order (flowchart B passed, session limit passed). */
  providerCalls: ProviderCall[];
  /** Inspection events emitted while this call ran (the machines' steps), when `countEvents` asked. */
  events: number;
  before: MapiSubsystemState;
  after: MapiSubsystemState;
}

export interface RecordOptions {
  /** Providers (by name) that misbehave instead of answering their script (C-R10). */
  faults?: Record<string, Fault>;
  /**
   * Count the inspection events of each call (termination's bound). Off by default: an inspector
   * runs every event through the inspection allowlist: half of a property run's time (8.7 → 4.0 ms).
   */
  countEvents?: boolean;
}

/** Runs a scenario through the simulator, recording provider calls, steps and subsystem states. */
export async function runRecorded(profiles: ProfileInput[], calls: CallInput[], options: RecordOptions = {}): Promise<RecordedStep[]> {
  let providerCalls: ProviderCall[] = [];
  let events = 0;
  let before: MapiSubsystemState | undefined;
  const extra: Array<Pick<RecordedStep, 'providerCalls' | 'events' | 'before' | 'after'>> = [];
  const steps = await traceScenario(parseScenario({ profiles, calls }), {
    ...(options.countEvents
      ? {
          inspect: (_: InspectionEvent) => {
            events++;
          },
        }
      : {}),
    providerLogon: async (ctx, scripted) => {
      const fault = options.faults?.[ctx.provider] ?? 'none';
      const call: ProviderCall = { ...ctx, answer: fault };
      providerCalls.push(call);
      if (fault === 'throw') throw new Error(`${ctx.provider} crashed`);
      if (fault === 'reject') return Promise.reject(new Error(`${ctx.provider} rejected`));
      call.answer = fault === 'garbage' ? { garbage: true } : scripted(ctx);
      return call.answer;
    },
    onCall: (phase, _call, subsystem) => {
      if (phase === 'before') {
        providerCalls = [];
        events = 0;
        before = subsystem.state();
      } else {
        extra.push({ providerCalls, events, before: before!, after: subsystem.state() });
      }
    },
  });
  return steps.map((s, i) => ({ ...s, ...extra[i]! }));
}
