import { assign, enqueueActions, fromPromise, setup } from 'xstate';
import type { HResultName } from './constants/hresults.js';
import {
  MAPI_LOGON_UI,
  MAPI_NEW_SESSION,
  MAPI_NO_MAIL,
  MAPI_PASSWORD_UI,
  MAPI_USE_DEFAULT,
} from './constants/flags.js';
import { messageServiceMachine, type MessageServiceOutput, type ServiceReadyEvent } from './messageService.js';
import { nodeMeta, visit } from './nodes.js';
import {
  PROVIDER_KIND_ORDER,
  type CredentialCheck,
  type CredentialsInput,
  type PasswordAnswer,
  type PasswordInput,
  type ProfileDef,
  type ProfilePickerAnswer,
  type ProfilePickerInput,
  type ProviderKind,
  type ServiceRecord,
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

/** A service reached its final state (C8, or disabled) and hands over its record. */
export type ServiceDoneEvent = { type: `xstate.done.actor.service.${number}`; output: MessageServiceOutput };

/** A-R5: what the session asks of its services between A11 and A12, in order. */
export type ServiceStep =
  | { type: 'start'; service: number }
  | { type: 'logon'; service: number; kind: ProviderKind }
  | { type: 'finish'; service: number };

export interface SessionLogonContext extends SessionLogonInput {
  path: string[];
  profile: string | null;
  /** A11's verdict (never the credentials themselves). */
  credentialCheck: CredentialCheck | null;
  hr: HResultName | null;
  result: SessionLogonOutput['result'];
  schedule: ServiceStep[];
  step: number;
  services: ServiceRecord[];
}

/** C-R1, C-R2, C-R3: configure every service, then log providers on kind by kind across services. */
export function serviceSchedule(profile: ProfileDef, flags: number): ServiceStep[] {
  const { services } = profile;
  const kinds = PROVIDER_KIND_ORDER.filter((k) => k !== 'transport' || (flags & MAPI_NO_MAIL) === 0);
  return [
    ...services.map((_, service) => ({ type: 'start' as const, service })),
    ...kinds.flatMap((kind) =>
      services.flatMap((s, service) =>
        s.providers.some((p) => p.kind === kind) ? [{ type: 'logon' as const, service, kind }] : [],
      ),
    ),
    ...services.map((_, service) => ({ type: 'finish' as const, service })),
  ];
}

const serviceId = (index: number) => `service.${index}`;

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
    events: {} as ServiceReadyEvent | ServiceDoneEvent,
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
    visit: assign(({ context }, params: { node: string }) => ({ path: [...context.path, params.node] })),
    chooseProfile: assign((_, params: { profile: string | null }) => ({ profile: params.profile })),
    finish: assign((_, params: { hr: HResultName; result: SessionLogonOutput['result'] }) => ({
      hr: params.hr,
      result: params.result,
    })),
    // A11 yes and A14 valid both imply the profile exists (A-R2).
    planServices: assign(({ context }) => ({
      schedule: serviceSchedule(context.profiles.find((p) => p.name === context.profile)!, context.flags),
      step: 0,
      services: [],
    })),
    runStep: enqueueActions(({ context, enqueue }) => {
      const step = context.schedule[context.step]!;
      if (step.type === 'start') {
        const profile = context.profiles.find((p) => p.name === context.profile)!;
        enqueue.spawnChild('messageService', {
          id: serviceId(step.service),
          input: {
            index: step.service,
            profile: profile.name,
            service: profile.services[step.service]!,
            flags: context.flags,
            uiAllowed: (context.flags & MAPI_LOGON_UI) !== 0,
          },
        });
      } else if (step.type === 'logon') {
        enqueue.sendTo(serviceId(step.service), { type: 'LOGON_KIND', kind: step.kind });
      } else {
        enqueue.sendTo(serviceId(step.service), { type: 'FINISH' });
      }
    }),
    recordService: assign(({ context }, params: { report: MessageServiceOutput }) => {
      const services = context.services.slice();
      services[params.report.index] = params.report.record;
      return { services, step: context.step + 1 };
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
    servicesDone: ({ context }) => context.step >= context.schedule.length,
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
    schedule: [],
    step: 0,
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
            target: 'logonServices',
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
            target: 'logonServices',
            meta: { edge: '', to: 'A12', via: 'A-R5' },
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
    // A-R5: between A11-yes (or A14-valid) and A12, the message services run (flowchart C).
    logonServices: {
      meta: { via: 'A-R5', label: 'Configure and log on the message services' },
      entry: 'planServices',
      initial: 'dispatch',
      states: {
        dispatch: {
          always: [{ guard: 'servicesDone', target: '#sessionLogon.A12' }, { target: 'waiting', actions: 'runStep' }],
        },
        waiting: {
          on: {
            'SERVICE.READY': {
              target: 'dispatch',
              actions: { type: 'recordService', params: ({ event }) => ({ report: event }) },
            },
            // A finished service reports through its output.
            'xstate.done.actor.service.*': {
              target: 'dispatch',
              actions: {
                type: 'recordService',
                params: ({ event }) => ({ report: (event as ServiceDoneEvent).output }),
              },
            },
          },
        },
      },
    },
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
    services: context.result === 'newSession' ? context.services : [],
  }),
});
