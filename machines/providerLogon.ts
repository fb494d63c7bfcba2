import { assign, fromPromise, setup } from 'xstate';
import { toHResultName, type HResultName } from './constants/hresults.js';
import { AB_NO_DIALOG, LOGON_NO_DIALOG, MDB_NO_DIALOG } from './constants/flags.js';
import { nodeMeta, appendVisit, visit } from './nodes.js';
import type {
  ProviderCallInput,
  ProviderConfigAnswer,
  ProviderConfigInput,
  ProviderDef,
  ProviderPhase,
} from './types.js';

export interface ProviderLogonInput {
  /** The live session whose spooler calls (D2), null inside MAPILogonEx. */
  session: string | null;
  phase: ProviderPhase;
  profile: string;
  service: string;
  provider: ProviderDef;
  attempt: number;
  /** B6, B-R2: UI is allowed exactly when the logon has MAPI_LOGON_UI (C-R4). */
  uiAllowed: boolean;
}

export interface ProviderLogonOutput {
  hr: HResultName;
  path: string[];
  /** B-R3: `complete` configures the provider for good. */
  configured: boolean;
}

export interface ProviderLogonMachineContext extends ProviderLogonInput {
  path: string[];
  answer: ProviderConfigAnswer | null;
  hr: HResultName | null;
}

const NO_DIALOG_FLAG = { addressBook: AB_NO_DIALOG, store: MDB_NO_DIALOG, transport: LOGON_NO_DIALOG } as const;

/** The call MAPI makes to the provider's Logon / TransportLogon once B has passed. */
export function providerCallInput(context: ProviderLogonInput): ProviderCallInput {
  const noDialogFlag = context.uiAllowed ? 0 : NO_DIALOG_FLAG[context.provider.kind];
  return {
    session: context.session,
    phase: context.phase,
    profile: context.profile,
    service: context.service,
    provider: context.provider,
    attempt: context.attempt,
    uiAllowed: context.uiAllowed,
    noDialogFlag,
    logonFlags: noDialogFlag,
  };
}

/**
 * Flowchart B: one provider's logon, from "MAPI calls the provider object's logon method" to its
 * HRESULT. The dialog (`providerConfig`) and the provider's own answer (`providerLogon`) are
 * actors, so the simulator and apps plug in their own with `.provide()`.
 */
export const providerLogonMachine = setup({
  types: {
    input: {} as ProviderLogonInput,
    context: {} as ProviderLogonMachineContext,
    output: {} as ProviderLogonOutput,
  },
  actors: {
    // No dialog available: the user is taken to have cancelled (SPEC 8: a dialog with no answer).
    providerConfig: fromPromise<ProviderConfigAnswer, ProviderConfigInput>(async () => 'cancel'),
    // A provider with nothing to report beyond flowchart B logs on.
    logon: fromPromise<unknown, ProviderCallInput>(async () => 'S_OK'),
  },
  actions: {
    visit: assign(({ context }, params: { node: string }) => appendVisit(context.path, params.node)),
    answer: assign((_, params: { answer: ProviderConfigAnswer }) => ({ answer: params.answer })),
    configure: assign(({ context: { provider } }) => ({
      provider: { name: provider.name, kind: provider.kind, configured: true, storesConfig: provider.storesConfig },
    })),
    result: assign((_, params: { hr: HResultName }) => ({ hr: params.hr })),
  },
  guards: {
    storesConfig: ({ context }) => context.provider.storesConfig,
    configured: ({ context }) => context.provider.configured,
    uiAllowed: ({ context }) => context.uiAllowed,
    answered: ({ context }, params: { answers: ProviderConfigAnswer[] }) => params.answers.includes(context.answer!),
  },
}).createMachine({
  id: 'providerLogon',
  // Fields spelled out: on Node 20 a spread followed by more fields is ~0.5 µs (see BENCHMARKS.md).
  context: ({ input }) => ({
    session: input.session,
    phase: input.phase,
    profile: input.profile,
    service: input.service,
    provider: input.provider,
    attempt: input.attempt,
    uiAllowed: input.uiAllowed,
    path: [],
    answer: null,
    hr: null,
  }),
  initial: 'B1',
  states: {
    B1: { meta: nodeMeta('B1'), entry: visit('B1'), always: { target: 'B2', meta: { edge: '' } } },
    B2: {
      meta: nodeMeta('B2'),
      entry: visit('B2'),
      always: [
        { guard: 'storesConfig', target: 'B3', meta: { edge: 'yes' } },
        { target: 'B6', meta: { edge: 'no', extension: 'B-R1' } },
      ],
    },
    B3: { meta: nodeMeta('B3'), entry: visit('B3'), always: { target: 'B4', meta: { edge: '' } } },
    B4: {
      meta: nodeMeta('B4'),
      entry: visit('B4'),
      always: [
        { guard: 'configured', target: 'B5', meta: { edge: 'yes' } },
        { target: 'B6', meta: { edge: 'no' } },
      ],
    },
    B5: {
      meta: nodeMeta('B5'),
      entry: visit('B5'),
      always: { target: 'callProvider', meta: { extension: 'B-R4' } },
    },
    B6: {
      meta: nodeMeta('B6'),
      entry: visit('B6'),
      always: [
        { guard: 'uiAllowed', target: 'B8', meta: { edge: 'yes' } },
        { target: 'B7', meta: { edge: 'no' } },
      ],
    },
    B7: {
      meta: nodeMeta('B7'),
      type: 'final',
      entry: [visit('B7'), { type: 'result', params: { hr: 'MAPI_E_UNCONFIGURED' } }],
    },
    B8: {
      meta: { ...nodeMeta('B8'), dialog: 'providerConfig' },
      entry: visit('B8'),
      invoke: {
        id: 'providerConfig',
        src: 'providerConfig',
        input: ({ context }) => ({
          session: context.session,
          profile: context.profile,
          service: context.service,
          provider: context.provider.name,
          kind: context.provider.kind,
          attempt: context.attempt,
        }),
        onDone: {
          target: 'B9',
          actions: { type: 'answer', params: ({ event }) => ({ answer: event.output }) },
          meta: { edge: '' },
        },
        // A dialog that fails is a dialog the user did not complete on purpose.
        onError: { target: 'B9', actions: { type: 'answer', params: { answer: 'cancel' } }, meta: { edge: '' } },
      },
    },
    B9: {
      meta: nodeMeta('B9'),
      entry: visit('B9'),
      always: [
        {
          guard: { type: 'answered', params: { answers: ['complete'] } },
          target: 'B10',
          actions: 'configure',
          meta: { edge: 'yes' },
        },
        { target: 'B11', meta: { edge: 'no' } },
      ],
    },
    B10: {
      meta: nodeMeta('B10'),
      entry: visit('B10'),
      always: { target: 'callProvider', meta: { extension: 'B-R4' } },
    },
    B11: {
      meta: nodeMeta('B11'),
      entry: visit('B11'),
      always: [
        {
          guard: { type: 'answered', params: { answers: ['cancel', 'accidental-cancel'] } },
          target: 'B13',
          meta: { edge: 'yes' },
        },
        { target: 'B12', meta: { edge: 'no' } },
      ],
    },
    B12: {
      meta: nodeMeta('B12'),
      type: 'final',
      entry: [visit('B12'), { type: 'result', params: { hr: 'MAPI_E_UNCONFIGURED' } }],
    },
    B13: {
      meta: nodeMeta('B13'),
      entry: visit('B13'),
      always: [
        { guard: { type: 'answered', params: { answers: ['cancel'] } }, target: 'B14', meta: { edge: 'yes' } },
        { target: 'B8', meta: { edge: 'no' } },
      ],
    },
    B14: {
      meta: nodeMeta('B14'),
      type: 'final',
      entry: [visit('B14'), { type: 'result', params: { hr: 'MAPI_E_USER_CANCEL' } }],
    },
    // B-R4: past B5/B10 the provider can still fail; C-R9's session limit is checked here too.
    callProvider: {
      meta: { extension: 'B-R4', label: "The provider's own logon answer" },
      invoke: {
        id: 'logon',
        src: 'logon',
        input: ({ context }) => providerCallInput(context),
        onDone: {
          target: 'answered',
          // C-R10: anything that is not an HRESULT is a failed call, never a crash.
          actions: { type: 'result', params: ({ event }) => ({ hr: toHResultName(event.output) ?? 'MAPI_E_CALL_FAILED' }) },
        },
        onError: { target: 'answered', actions: { type: 'result', params: { hr: 'MAPI_E_CALL_FAILED' } } },
      },
    },
    answered: { type: 'final', meta: { extension: 'B-R4', label: 'Provider answered' } },
  },
  // Every final state has set `hr` on entry.
  output: ({ context }) => ({
    hr: context.hr!,
    path: context.path,
    configured: context.provider.configured,
  }),
});
