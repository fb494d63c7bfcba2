import { LOGON_FLAGS } from '../../src/constants/flags.js';
import { parseFlags } from '../../src/constants/parseFlags.js';
import type { LogonCallResult } from '../../src/simulator/runScenario.js';
import type { LogonScenario } from '../arbitraries/scenario.js';
import { runRecorded, type RecordedStep } from './runRecorded.js';

export interface LogonRun {
  step: RecordedStep;
  result: LogonCallResult;
  /** The subsystem had a live shared session when the logon under test began. */
  sharedBefore: boolean;
  flags: number;
}

/** Runs a generated scenario and returns what its last call, the logon under test, did. */
export async function runLogonScenario(s: LogonScenario, options: { countEvents?: boolean } = {}): Promise<LogonRun> {
  const steps = await runRecorded(s.profiles, s.calls, { faults: s.faults, ...options });
  const step = steps.at(-1)!;
  return {
    step,
    result: step.result as LogonCallResult,
    sharedBefore: step.before.shared !== null,
    flags: parseFlags(s.logon.flags as string[], LOGON_FLAGS),
  };
}
