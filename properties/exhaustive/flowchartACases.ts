import { LOGON_FLAGS } from '../../src/constants/flags.js';
import { sessionLogonMachine, type SessionLogonInput, type SessionLogonOutput } from '../../machines/sessionLogon.js';
import type { CredentialCheck, PasswordAnswer } from '../../machines/types.js';
import { compiledRunner } from './compiledRunner.js';
import { doneEvent, pureRunner } from './pureRunner.js';

/** What steps the machine: xstate's pure transitions, or the compiled interpreter. */
export type Interpreter = 'xstate' | 'compiled';

const FLAG_BITS = Object.values(LOGON_FLAGS);
export const PROFILE_NAMES = [null, '', 'Work', 'Missing'] as const;
export const PICKER = ['Work', null] as const;
export const PASSWORD: readonly PasswordAnswer[] = ['valid', 'invalid', 'cancel'];
export const CREDENTIALS = ['valid', 'invalid'] as const;

/** One point of flowchart A's input space (issue 3, item 4). */
export interface FlowchartACase {
  flags: number;
  profileName: string | null;
  shared: boolean;
  hasDefault: boolean;
  credentials: 'valid' | 'invalid';
  picker: string | null;
  password: PasswordAnswer;
}

/** The 14 flags' 16,384 combinations, as numbers. */
export const flagCombination = (i: number) => FLAG_BITS.reduce((f, bit, b) => (i & (1 << b) ? (f | bit) >>> 0 : f), 0);
export const FLAG_COMBINATIONS = 1 << FLAG_BITS.length;
export const CASES_PER_PREFIX = CREDENTIALS.length * PICKER.length * PASSWORD.length;
export const TOTAL_CASES = FLAG_COMBINATIONS * PROFILE_NAMES.length * 2 * 2 * CASES_PER_PREFIX;
export const CASES_PER_FLAG_COMBINATION = TOTAL_CASES / FLAG_COMBINATIONS;

/** Every `step`-th flag combination, from 0: a fixed sample of the space, the same on every run. */
export const everyNthFlagCombination = (step: number): number[] => Array.from({ length: Math.ceil(FLAG_COMBINATIONS / step) }, (_, i) => i * step);

export const credentialCheck = (profile: string | null, credentials: 'valid' | 'invalid'): CredentialCheck =>
  profile === 'Work' ? credentials : 'noProfile';

/**
 * Runs every case of the input space through the real session machine and calls `check` with each
 * case and the machine's output for it. The machine runs once per prefix (flags, name, shared,
 * default); where it asks (A9, A11, A14) every answer continues from the same snapshot, and the
 * answers it never asked for do not change its run, so each case gets exactly its own run.
 */
export function forEachFlowchartACase(
  check: (c: FlowchartACase, out: SessionLogonOutput) => void,
  flagIndices?: Iterable<number>,
  interpreter: Interpreter = 'compiled',
): number {
  type Snap = { status: string; value: unknown; output: unknown; context: { profile: string | null } };
  type Runner = { initial(input: unknown): Snap; send(snap: Snap, event: ReturnType<typeof doneEvent>): Snap };
  const runner = (interpreter === 'xstate' ? pureRunner(sessionLogonMachine, baseInput(0, null, false, false)) : compiledRunner(sessionLogonMachine)) as unknown as Runner;
  let cases = 0;

  const explore = (snap: Snap, fixed: Partial<FlowchartACase>, prefix: Omit<FlowchartACase, 'credentials' | 'picker' | 'password'>) => {
    if (snap.status === 'done') {
      const out = snap.output as SessionLogonOutput;
      for (const credentials of fixed.credentials !== undefined ? [fixed.credentials] : CREDENTIALS)
        for (const picker of fixed.picker !== undefined ? [fixed.picker] : PICKER)
          for (const password of fixed.password !== undefined ? [fixed.password] : PASSWORD) {
            // A dimension the machine never asked about counts once per value it could take.
            // Written out: a spread with added keys costs ~0.5 µs on Node 20, per case.
            check({ flags: prefix.flags, profileName: prefix.profileName, shared: prefix.shared, hasDefault: prefix.hasDefault, credentials, picker, password }, out);
            cases++;
          }
      return;
    }
    switch (snap.value) {
      case 'A9':
        for (const picker of PICKER) explore(runner.send(snap, doneEvent('profilePicker', picker)), { ...fixed, picker }, prefix);
        return;
      case 'A11':
        for (const credentials of CREDENTIALS) {
          const check = credentialCheck(snap.context.profile, credentials);
          explore(runner.send(snap, doneEvent('validateCredentials', check)), { ...fixed, credentials }, prefix);
        }
        return;
      case 'A14':
        for (const password of PASSWORD) explore(runner.send(snap, doneEvent('password', password)), { ...fixed, password }, prefix);
        return;
      default:
        throw new Error(`flowchart A stopped in ${JSON.stringify(snap.value)} without a result`);
    }
  };

  for (const i of flagIndices ?? Array.from({ length: FLAG_COMBINATIONS }, (_, k) => k)) {
    const flags = flagCombination(i);
    for (const profileName of PROFILE_NAMES)
      for (const shared of [false, true])
        for (const hasDefault of [false, true]) {
          explore(runner.initial(baseInput(flags, profileName, shared, hasDefault)), {}, { flags, profileName, shared, hasDefault });
        }
  }
  return cases;
}

function baseInput(flags: number, profileName: string | null, shared: boolean, hasDefault: boolean): SessionLogonInput {
  return {
    flags,
    profileName,
    sharedSession: shared ? { id: 's1', profile: 'Work' } : null,
    defaultProfile: hasDefault ? 'Work' : null,
    // No services: flowchart A alone (the services have their own properties).
    profiles: [{ name: 'Work', services: [] }],
  };
}
