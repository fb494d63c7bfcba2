// The session machine used directly: createActor, .provide() for the dialogs and the credential
// check, and the run read back as flowchart node ids; then the same run on the compiled interpreter. Run: npx tsx examples/raw-machines.ts
import { createActor, fromPromise, toPromise } from 'xstate';
import {
  sessionLogonMachine,
  type CredentialCheck,
  type CredentialsInput,
  type PasswordAnswer,
  type PasswordInput,
  type ProfilePickerAnswer,
  type ProfilePickerInput,
  type SessionLogonOutput,
} from '../machines/index.js';
import { MAPI_LOGON_UI, MAPI_PASSWORD_UI } from '../src/index.js';
import { runCompiled } from '../src/compiled/index.js';

const machine = sessionLogonMachine.provide({
  actors: {
    // A9: the user picks "Work" in the profile picker.
    profilePicker: fromPromise<ProfilePickerAnswer, ProfilePickerInput>(async () => 'Work'),
    // A11: the stored credentials do not validate...
    validateCredentials: fromPromise<CredentialCheck, CredentialsInput>(async () => 'invalid'),
    // A14: ...but the password the user types does.
    password: fromPromise<PasswordAnswer, PasswordInput>(async () => 'valid'),
  },
});

for (const [label, flags] of [
  ['MAPI_PASSWORD_UI', MAPI_PASSWORD_UI],
  ['MAPI_LOGON_UI', MAPI_LOGON_UI],
] as const) {
  const actor = createActor(machine, {
    input: { flags, profileName: 'Work', sharedSession: null, defaultProfile: 'Work', profiles: [{ name: 'Work', services: [] }] },
  });
  actor.start();
  const out = await toPromise(actor);
  console.log(`${label}: ${out.hr}, path ${out.path.join(' → ')}`);
}

// The same machine on the compiled interpreter: no xstate actors (and no inspector), the same run.
const input = { flags: MAPI_PASSWORD_UI, profileName: 'Work', sharedSession: null, defaultProfile: 'Work', profiles: [{ name: 'Work', services: [] }] };
const compiled = await runCompiled<SessionLogonOutput>(machine, input);
console.log(`compiled, MAPI_PASSWORD_UI: ${compiled.hr}, path ${compiled.path.join(' → ')}`);
