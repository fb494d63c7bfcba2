import { sessionLogonMachine, type SessionLogonOutput } from '../../machines/sessionLogon.js';
import { credentialCheck, type FlowchartACase } from './flowchartACases.js';
import { doneEvent, pureRunner } from './pureRunner.js';

const runner = pureRunner(sessionLogonMachine, { flags: 0, profileName: null, sharedSession: null, defaultProfile: null, profiles: [] });
const PROFILES = [{ name: 'Work', services: [] }];

/** One flowchart A case through the session machine with pure transitions, answering its invokes. */
export function runFlowchartA(c: FlowchartACase): SessionLogonOutput {
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
