import { sessionLogonMachine, type SessionLogonOutput } from '../../machines/sessionLogon.js';
import { compiledRunner } from './compiledRunner.js';
import { credentialCheck, type FlowchartACase, type Interpreter } from './flowchartACases.js';
import { doneEvent, pureRunner } from './pureRunner.js';

type Snap = { status: string; value: unknown; output: unknown; context: { profile: string | null } };
type Runner = { initial(input: unknown): Snap; send(snap: Snap, event: ReturnType<typeof doneEvent>): Snap };
const runners: Record<Interpreter, Runner> = {
  xstate: pureRunner(sessionLogonMachine, { flags: 0, profileName: null, sharedSession: null, defaultProfile: null, profiles: [] }) as unknown as Runner,
  compiled: compiledRunner(sessionLogonMachine) as unknown as Runner,
};
const PROFILES = [{ name: 'Work', services: [] }];

/** One flowchart A case through the session machine without actors, answering its invokes. */
export function runFlowchartA(c: FlowchartACase, interpreter: Interpreter = 'compiled'): SessionLogonOutput {
  const runner = runners[interpreter];
  let snap = runner.initial({
    flags: c.flags,
    profileName: c.profileName,
    sharedSession: c.shared ? { id: 's1', profile: 'Work' } : null,
    defaultProfile: c.hasDefault ? 'Work' : null,
    profiles: PROFILES,
  });
  while (snap.status !== 'done') {
    if (snap.value === 'A9') snap = runner.send(snap, doneEvent('profilePicker', c.picker));
    else if (snap.value === 'A11') snap = runner.send(snap, doneEvent('validateCredentials', credentialCheck(snap.context.profile, c.credentials)));
    else if (snap.value === 'A14') snap = runner.send(snap, doneEvent('password', c.password));
    else throw new Error(`flowchart A stopped in ${JSON.stringify(snap.value)}`);
  }
  return snap.output as SessionLogonOutput;
}
