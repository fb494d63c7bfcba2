import { assign, fromPromise, setup } from 'xstate';
import type { HResultName } from './constants/hresults.js';
import {
  MAPI_FORCE_DOWNLOAD,
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_PASSWORD_UI,
  MAPI_USE_DEFAULT,
} from './constants/flags.js';
import { messageServiceMachine, type MessageServiceInput, type MessageServiceOutput } from './messageService.js';
import { nodeMeta, appendVisit, visit } from './nodes.js';
import type {
  CredentialCheck,
  CredentialsInput,
  PasswordAnswer,
  PasswordInput,
  ProfileDef,
  ProfilePickerAnswer,
  ProfilePickerInput,
  ServiceRecord,
} from './types.js';

export interface SessionLogonInput {
  /** MAPILogonEx flags, already validated (V-R1, V-R2). */
  flags: number;
  /** NULL or empty means "no name" (A4). */
  profileName: string | null;
  /** A2: the shared session, if there is one. */
  sharedSession: { id: string; profile: string } | null;
  /** A7: the default profile, if there is one. */
  defaultProfile: string | null;
  /** Every profile's message services (never their credentials). */
  profiles: ProfileDef[];
}

export interface SessionLogonOutput {
  hr: HResultName;
  /** Flowchart A node ids in visit order. */
  path: string[];
  /** The profile chosen (A5, A7, A9) or the shared session's (A3); null if none was. */
  profile: string | null;
  /** `joinShared` at A3, `newSession` at A12, null when the logon failed. */
  result: 'joinShared' | 'newSession' | null;
  services: ServiceRecord[];
}

export interface SessionLogonContext extends SessionLogonInput {
  path: string[];
  profile: string | null;
  /** A11's verdict (never the credentials themselves). */
  credentialCheck: CredentialCheck | null;
  hr: HResultName | null;
  result: SessionLogonOutput['result'];
  /** The service the current phase runs (A-R5). */
  cursor: number;
  /** One record per service of the profile, as the phases leave it. */
  services: ServiceRecord[];
}

/** A-R2: profile names are registry key names on Windows, matched ignoring case. */
export function sameProfileName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}

export function profileNamed<T extends { name: string }>(profiles: readonly T[], name: string | null): T | undefined {
  return name === null ? undefined : profiles.find((p) => sameProfileName(p.name, name));
}

/** C-R2, C-R3: MAPI_FORCE_DOWNLOAD logs the transports on inside the logon, unless MAPI_NO_MAIL. */
export const transportsInLogon = (flags: number) => (flags & MAPI_FORCE_DOWNLOAD) !== 0 && (flags & MAPI_NO_MAIL) === 0;

/**
 * A-R5, C-R2: one run of flowchart C for the service at the phase's cursor. The run that ends the
 * logon's last phase readies the service (C8) unless the spooler's start follows (D-R1).
 */
export function serviceRunInput(context: SessionLogonContext, step: MessageServiceInput['step']): MessageServiceInput {
  const profile = context.profiles.find((p) => p.name === context.profile)!;
  const noMail = (context.flags & MAPI_NO_MAIL) !== 0;
  return {
    index: context.cursor,
    profile: profile.name,
    session: null,
    service: profile.services[context.cursor]!,
    record: context.services[context.cursor] ?? null,
    flags: context.flags,
    uiAllowed: (context.flags & MAPI_LOGON_UI) !== 0,
    step,
    phase: 'logon',
    ready: (step === 'store' && noMail) || step === 'transport',
  };
}

const record = { type: 'recordService', params: ({ event }: { event: { output: MessageServiceOutput } }) => ({ report: event.output }) } as const;

const serviceCount = (context: SessionLogonContext) => context.profiles.find((p) => p.name === context.profile)!.services.length;

/** A phase of A-R5: flowchart C for every service of the profile in turn, then `next`. */
function servicePhase(step: MessageServiceInput['step'], label: string, rule: string, next: string) {
  return {
    meta: { label, rule, phase: step },
    initial: 'nextService',
    states: {
      nextService: {
        always: [
          { guard: 'everyServiceRun', target: next, actions: 'resetCursor', meta: { rule } },
          { target: 'run' },
        ],
      },
      run: {
        invoke: {
          id: 'messageService',
          src: 'messageService',
          input: ({ context }: { context: SessionLogonContext }) => serviceRunInput(context, step),
          onDone: [
            { guard: 'lastService', target: next, actions: [record, 'resetCursor'], meta: { rule } },
            { target: 'run', reenter: true, actions: record },
          ],
        },
      },
    },
  } as const;
}

/**
 * Flowchart A: MAPILogonEx, from MAPI_NEW_SESSION to the session or the error. Credentials are
 * checked by the `validateCredentials` actor so that they never enter the machine (nor an
 * inspector); dialogs are actors; message services are child machines.
 */
export const sessionLogonMachine = setup({
  types: {
    input: {} as SessionLogonInput,
    context: {} as SessionLogonContext,
    output: {} as SessionLogonOutput,
  },
  actors: {
    messageService: messageServiceMachine,
    // No dialog available: cancelled (SPEC 8).
    profilePicker: fromPromise<ProfilePickerAnswer, ProfilePickerInput>(async () => null),
    password: fromPromise<PasswordAnswer, PasswordInput>(async () => 'cancel'),
    // No credential store: nothing validates. The subsystem provides the real check.
    validateCredentials: fromPromise<CredentialCheck, CredentialsInput>(async () => 'invalid'),
  },
  actions: {
    visit: assign(({ context }, params: { node: string }) => appendVisit(context.path, params.node)),
    // A-R2: matched ignoring case; the profile keeps the name it was created with.
    chooseProfile: assign(({ context }, params: { profile: string | null }) => ({
      profile: profileNamed(context.profiles, params.profile)?.name ?? params.profile,
    })),
    finish: assign((_, params: { hr: HResultName; result: SessionLogonOutput['result'] }) => ({
      hr: params.hr,
      result: params.result,
    })),
    resetCursor: assign({ cursor: 0 }),
    recordService: assign(({ context }, params: { report: MessageServiceOutput }) => {
      const services = context.services.slice();
      services[params.report.index] = params.report.record;
      return { services, cursor: context.cursor + 1 };
    }),
  },
  guards: {
    newSession: ({ context }) => (context.flags & MAPI_NEW_SESSION) !== 0,
    sharedExists: ({ context }) => context.sharedSession !== null,
    // A4: NULL or the empty string.
    profileNameNull: ({ context }) => context.profileName === null || context.profileName === '',
    useDefault: ({ context }) => (context.flags & MAPI_USE_DEFAULT) !== 0,
    logonUi: ({ context }) => (context.flags & MAPI_LOGON_UI) !== 0,
    passwordUi: ({ context }) => (context.flags & MAPI_PASSWORD_UI) !== 0,
    pickerCancelled: (_, params: { answer: ProfilePickerAnswer }) => params.answer === null,
    credentialsValid: (_, params: { check: CredentialCheck }) => params.check === 'valid',
    // A-R2: a valid password cannot make a missing profile exist.
    passwordAccepted: ({ context }, params: { answer: PasswordAnswer }) =>
      params.answer === 'valid' && context.credentialCheck !== 'noProfile',
    passwordCancelled: (_, params: { answer: PasswordAnswer }) => params.answer === 'cancel',
    // A11 yes and A14 valid both imply the profile exists (A-R2).
    everyServiceRun: ({ context }) => context.cursor >= serviceCount(context),
    // Read before recordService moves the cursor on.
    lastService: ({ context }) => context.cursor + 1 >= serviceCount(context),
    transportsInLogon: ({ context }) => transportsInLogon(context.flags),
  },
}).createMachine({
  id: 'sessionLogon',
  // Fields spelled out: on Node 20 a spread followed by more fields is ~0.5 µs (see BENCHMARKS.md).
  context: ({ input }) => ({
    flags: input.flags,
    profileName: input.profileName,
    sharedSession: input.sharedSession,
    defaultProfile: input.defaultProfile,
    profiles: input.profiles,
    path: [],
    profile: null,
    credentialCheck: null,
    hr: null,
    result: null,
    cursor: 0,
    services: [],
  }),
  initial: 'A1',
  states: {
    A1: {
      meta: nodeMeta('A1'),
      entry: visit('A1'),
      always: [
        { guard: 'newSession', target: 'A4', meta: { edge: 'yes' } },
        { target: 'A2', meta: { edge: 'no' } },
      ],
    },
    A2: {
      meta: nodeMeta('A2'),
      entry: visit('A2'),
      always: [
        { guard: 'sharedExists', target: 'A3', meta: { edge: 'yes' } },
        { target: 'A4', meta: { edge: 'no' } },
      ],
    },
    // A-R1: the shared session is returned as it is: no profile, credentials, dialog or provider.
    A3: {
      meta: nodeMeta('A3'),
      type: 'final',
      entry: [
        visit('A3'),
        { type: 'chooseProfile', params: ({ context }) => ({ profile: context.sharedSession!.profile }) },
        { type: 'finish', params: { hr: 'S_OK', result: 'joinShared' } },
      ],
    },
    A4: {
      meta: nodeMeta('A4'),
      entry: visit('A4'),
      always: [
        { guard: 'profileNameNull', target: 'A6', meta: { edge: 'yes' } },
        { target: 'A5', meta: { edge: 'no' } },
      ],
    },
    A5: {
      meta: nodeMeta('A5'),
      entry: [visit('A5'), { type: 'chooseProfile', params: ({ context }) => ({ profile: context.profileName }) }],
      always: { target: 'A11', meta: { edge: '' } },
    },
    A6: {
      meta: nodeMeta('A6'),
      entry: visit('A6'),
      always: [
        { guard: 'useDefault', target: 'A7', meta: { edge: 'yes' } },
        { target: 'A8', meta: { edge: 'no' } },
      ],
    },
    // A-R6: only MAPI_USE_DEFAULT leads here; MAPI_EXPLICIT_PROFILE changes no edge.
    A7: {
      meta: nodeMeta('A7'),
      entry: [visit('A7'), { type: 'chooseProfile', params: ({ context }) => ({ profile: context.defaultProfile }) }],
      always: { target: 'A11', meta: { edge: '' } },
    },
    A8: {
      meta: nodeMeta('A8'),
      entry: visit('A8'),
      always: [
        { guard: 'logonUi', target: 'A9', meta: { edge: 'yes' } },
        { target: 'A10', meta: { edge: 'no' } },
      ],
    },
    A9: {
      meta: { ...nodeMeta('A9'), dialog: 'profilePicker' },
      entry: visit('A9'),
      invoke: {
        id: 'profilePicker',
        src: 'profilePicker',
        input: ({ context }) => ({ profileName: context.profileName, flags: context.flags }),
        onDone: [
          {
            guard: { type: 'pickerCancelled', params: ({ event }) => ({ answer: event.output }) },
            target: 'userCancel',
            meta: { extension: 'A-R3' },
          },
          {
            target: 'A11',
            actions: { type: 'chooseProfile', params: ({ event }) => ({ profile: event.output }) },
            meta: { edge: '' },
          },
        ],
        onError: { target: 'userCancel', meta: { extension: 'A-R3' } },
      },
    },
    A10: {
      meta: nodeMeta('A10'),
      type: 'final',
      entry: [visit('A10'), { type: 'finish', params: { hr: 'MAPI_E_LOGON_FAILED', result: null } }],
    },
    A11: {
      meta: nodeMeta('A11'),
      entry: visit('A11'),
      invoke: {
        id: 'validateCredentials',
        src: 'validateCredentials',
        input: ({ context }) => ({ profile: context.profile }),
        onDone: [
          {
            guard: { type: 'credentialsValid', params: ({ event }) => ({ check: event.output }) },
            target: 'configureServices',
            meta: { edge: 'yes', to: 'A12', via: 'A-R5' },
          },
          {
            target: 'A13',
            actions: assign({ credentialCheck: ({ event }) => event.output }),
            meta: { edge: 'no' },
          },
        ],
        onError: { target: 'A13', actions: assign({ credentialCheck: 'invalid' }), meta: { edge: 'no' } },
      },
    },
    A13: {
      meta: nodeMeta('A13'),
      entry: visit('A13'),
      always: [
        { guard: 'passwordUi', target: 'A14', meta: { edge: 'yes' } },
        { target: 'A15', meta: { edge: 'no' } },
      ],
    },
    A14: {
      meta: { ...nodeMeta('A14'), dialog: 'password' },
      entry: visit('A14'),
      invoke: {
        id: 'password',
        src: 'password',
        input: ({ context }) => ({ profile: context.profile }),
        onDone: [
          {
            guard: { type: 'passwordAccepted', params: ({ event }) => ({ answer: event.output }) },
            target: 'configureServices',
            meta: { edge: '', to: 'A12', via: 'A-R5', rule: 'A-R4' },
          },
          {
            guard: { type: 'passwordCancelled', params: ({ event }) => ({ answer: event.output }) },
            target: 'userCancel',
            meta: { extension: 'A-R4' },
          },
          { target: 'logonFailed', meta: { extension: 'A-R4' } },
        ],
        onError: { target: 'userCancel', meta: { extension: 'A-R4' } },
      },
    },
    A15: {
      meta: nodeMeta('A15'),
      type: 'final',
      entry: [visit('A15'), { type: 'finish', params: { hr: 'MAPI_E_LOGON_FAILED', result: null } }],
    },
    userCancel: {
      meta: { extension: 'A-R3', label: 'MAPI_E_USER_CANCEL' },
      type: 'final',
      entry: { type: 'finish', params: { hr: 'MAPI_E_USER_CANCEL', result: null } },
    },
    logonFailed: {
      meta: { extension: 'A-R4', label: 'MAPI_E_LOGON_FAILED' },
      type: 'final',
      entry: { type: 'finish', params: { hr: 'MAPI_E_LOGON_FAILED', result: null } },
    },
    // A-R5, C-R1, C-R2: between A11-yes (or A14-valid) and A12 the message services are configured,
    // then their providers log on kind by kind across the whole profile.
    configureServices: servicePhase('configure', 'Configure the message services', 'C-R1', '#sessionLogon.addressBooks'),
    addressBooks: servicePhase('addressBook', 'Address book providers log on', 'C-R2', '#sessionLogon.stores'),
    stores: servicePhase('store', 'Message store providers log on', 'C-R2', '#sessionLogon.forceDownload'),
    forceDownload: {
      meta: { label: 'MAPI_FORCE_DOWNLOAD set (and not MAPI_NO_MAIL)?', rule: 'C-R2' },
      always: [
        { guard: 'transportsInLogon', target: 'transports', meta: { rule: 'C-R2' } },
        { target: 'A12', meta: { rule: 'D-R1' } },
      ],
    },
    transports: servicePhase('transport', 'Transport providers log on (MAPI_FORCE_DOWNLOAD)', 'C-R2', '#sessionLogon.A12'),
    A12: {
      meta: nodeMeta('A12'),
      type: 'final',
      entry: [visit('A12'), { type: 'finish', params: { hr: 'S_OK', result: 'newSession' } }],
    },
  },
  // Every final state has set `hr` on entry.
  output: ({ context }) => ({
    hr: context.hr!,
    path: context.path,
    profile: context.profile,
    result: context.result,
    // Only A12 follows the service phases: every other end leaves this empty.
    services: context.services,
  }),
});
