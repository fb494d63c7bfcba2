import { assign, fromPromise, sendParent, setup } from 'xstate';
import type { HResultName } from './constants/hresults.js';
import {
  MAPI_SERVICE_UI_ALWAYS,
  MSG_SERVICE_CONFIGURE,
  SERVICE_UI_ALLOWED,
  SERVICE_UI_ALWAYS,
} from './constants/flags.js';
import { nodeMeta, visit } from './nodes.js';
import { providerLogonMachine, type ProviderLogonOutput } from './providerLogon.js';
import type {
  ProviderDef,
  ProviderKind,
  ProviderRecord,
  RetryAnswer,
  RetryInput,
  ServiceConfigAnswer,
  ServiceConfigInput,
  ServiceDef,
  ServiceRecord,
} from './types.js';

export interface MessageServiceInput {
  /** The service's place in the profile; it names the service in its reports to the session. */
  index: number;
  profile: string;
  service: ServiceDef;
  /** The logon's MAPILogonEx flags (C1 reads MAPI_SERVICE_UI_ALWAYS). */
  flags: number;
  /** C-R4: MAPI_LOGON_UI was set. */
  uiAllowed: boolean;
}

/** What the session tells a service: log on your providers of one kind (C-R2), or finish. */
export type MessageServiceEvent = { type: 'LOGON_KIND'; kind: ProviderKind } | { type: 'FINISH' };

/** What a service tells the session when it has done what it was told (and, finished, its output). */
export interface ServiceReadyEvent {
  type: 'SERVICE.READY';
  index: number;
  record: ServiceRecord;
}

export type MessageServiceOutput = Omit<ServiceReadyEvent, 'type'>;

export interface ProviderSlot extends ProviderDef {
  state: ProviderRecord['state'] | 'pending';
  hr: HResultName | null;
  attempts: number;
  paths: string[][];
}

export interface MessageServiceContext {
  index: number;
  profile: string;
  name: string;
  flags: number;
  uiAllowed: boolean;
  providers: ProviderSlot[];
  /** C7 turns it to disabled for the rest of the session. */
  state: ServiceRecord['state'];
  failures: number;
  path: string[];
  /** Providers of the kind being logged on that have not been called yet, by index. */
  queue: number[];
  /** The provider C3 is logging on (and C4/C6 retry). */
  current: number;
}

export function serviceRecord(context: MessageServiceContext): ServiceRecord {
  return {
    name: context.name,
    state: context.state,
    failures: context.failures,
    path: context.path,
    providers: context.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      state: p.state === 'pending' ? 'notStarted' : p.state,
      hr: p.hr,
      attempts: p.attempts,
      paths: p.paths,
      configured: p.configured,
    })),
  };
}

/** The providers with one of them changed; the others stay the same objects. */
const setProvider = (context: MessageServiceContext, index: number, change: Partial<ProviderSlot>) =>
  context.providers.map((p, i): ProviderSlot => (i === index ? Object.assign({}, p, change) : p));

/** Every provider changed alike. */
const setAllProviders = (context: MessageServiceContext, change: Partial<ProviderSlot>) =>
  context.providers.map((p): ProviderSlot => Object.assign({}, p, change));

/**
 * ServiceEntry with MSG_SERVICE_CONFIGURE (C2, C4): `complete` configures every provider of the
 * service (C-R1); a cancel, or a dialog that fails, keeps the stored configuration. Either way the
 * logon goes on to `next`.
 */
function serviceEntry(node: 'C2' | 'C4', flags: (context: MessageServiceContext) => number, next: string) {
  return {
    id: 'serviceConfig',
    src: 'serviceConfig',
    input: ({ context }: { context: MessageServiceContext }): ServiceConfigInput => ({
      profile: context.profile,
      service: context.name,
      context: MSG_SERVICE_CONFIGURE,
      flags: flags(context),
      node,
    }),
    onDone: [
      {
        guard: { type: 'answered', params: ({ event }: { event: { output: unknown } }) => ({ answer: event.output, expected: 'complete' }) },
        target: next,
        actions: 'configureAll',
      },
      { target: next },
    ],
    onError: { target: next },
  } as const;
}

/**
 * Flowchart C: one message service. C1/C2 run as soon as the session starts the service; then the
 * service logs on its providers of the kind it is told, counting failures (C-R5) until it is
 * disabled (C7) or told to finish (C8).
 */
export const messageServiceMachine = setup({
  types: {
    input: {} as MessageServiceInput,
    context: {} as MessageServiceContext,
    events: {} as MessageServiceEvent,
    output: {} as MessageServiceOutput,
  },
  actors: {
    providerLogon: providerLogonMachine,
    // No dialog available: cancelled (SPEC 8).
    serviceConfig: fromPromise<ServiceConfigAnswer, ServiceConfigInput>(async () => 'cancel'),
    retry: fromPromise<RetryAnswer, RetryInput>(async () => 'cancel'),
  },
  actions: {
    visit: assign(({ context }, params: { node: string }) => ({ path: [...context.path, params.node] })),
    // C-R1: a completed ServiceEntry configures every provider of the service.
    configureAll: assign(({ context }) => ({ providers: setAllProviders(context, { configured: true }) })),
    queueKind: assign(({ context }, params: { kind: ProviderKind }) => ({
      queue: context.providers.flatMap((p, i) => (p.kind === params.kind && p.state === 'pending' ? [i] : [])),
    })),
    takeNext: assign(({ context }) => ({ current: context.queue[0]!, queue: context.queue.slice(1) })),
    recordAttempt: assign(({ context }, params: { output: ProviderLogonOutput }) => {
      const p = context.providers[context.current]!;
      return {
        providers: setProvider(context, context.current, {
          hr: params.output.hr,
          attempts: p.attempts + 1,
          paths: [...p.paths, params.output.path],
          configured: params.output.configured,
        }),
      };
    }),
    countFailure: assign(({ context }) => ({ failures: context.failures + 1 })),
    markCurrent: assign(({ context }, params: { state: ProviderSlot['state'] }) => ({
      providers: setProvider(context, context.current, { state: params.state }),
    })),
    // C7, C-R6: every provider, logged on or not yet reached, is disabled for this session.
    disableAll: assign(({ context }) => ({
      state: 'disabled' as const,
      providers: setAllProviders(context, { state: 'disabled' }),
    })),
    report: sendParent(({ context }) => ({ type: 'SERVICE.READY', index: context.index, record: serviceRecord(context) })),
  },
  guards: {
    serviceUiAlways: ({ context }) => (context.flags & MAPI_SERVICE_UI_ALWAYS) !== 0,
    uiAllowed: ({ context }) => context.uiAllowed,
    queueEmpty: ({ context }) => context.queue.length === 0,
    answered: (_, params: { answer: unknown; expected: string }) => params.answer === params.expected,
    providerSaid: (_, params: { hr: HResultName; expected: HResultName }) => params.hr === params.expected,
    // C-R5: the second failure of the service, at any of its providers.
    failedBefore: ({ context }) => context.failures >= 1,
  },
}).createMachine({
  id: 'messageService',
  context: ({ input }) => ({
    index: input.index,
    profile: input.profile,
    name: input.service.name,
    flags: input.flags,
    uiAllowed: input.uiAllowed,
    providers: input.service.providers.map((p) => ({
      name: p.name,
      kind: p.kind,
      configured: p.configured,
      storesConfig: p.storesConfig,
      state: 'pending',
      hr: null,
      attempts: 0,
      paths: [],
    })),
    state: 'enabled',
    failures: 0,
    path: [],
    queue: [],
    current: -1,
  }),
  initial: 'C1',
  states: {
    C1: {
      meta: nodeMeta('C1'),
      entry: visit('C1'),
      always: [
        { guard: 'serviceUiAlways', target: 'C2', meta: { edge: 'yes' } },
        { target: 'idle', meta: { edge: 'no' } },
      ],
    },
    C2: {
      meta: { ...nodeMeta('C2'), dialog: 'serviceConfig' },
      entry: visit('C2'),
      invoke: serviceEntry('C2', (context) => SERVICE_UI_ALWAYS | (context.uiAllowed ? SERVICE_UI_ALLOWED : 0), 'idle'),
    },
    // Between commands of the session: report what was done and wait.
    idle: {
      meta: { label: 'Waiting for the session' },
      entry: 'report',
      on: {
        LOGON_KIND: { target: 'next', actions: { type: 'queueKind', params: ({ event }) => ({ kind: event.kind }) } },
        FINISH: { target: 'C8' },
      },
    },
    next: {
      meta: { label: 'Next provider of this kind' },
      always: [{ guard: 'queueEmpty', target: 'idle' }, { target: 'C3', actions: 'takeNext' }],
    },
    C3: {
      meta: nodeMeta('C3'),
      entry: visit('C3'),
      invoke: {
        id: 'providerLogon',
        src: 'providerLogon',
        input: ({ context }) => {
          const provider = context.providers[context.current]!;
          const { name, kind, configured, storesConfig } = provider;
          return {
            profile: context.profile,
            service: context.name,
            provider: { name, kind, configured, storesConfig },
            attempt: provider.attempts + 1,
            uiAllowed: context.uiAllowed,
          };
        },
        onDone: [
          {
            guard: { type: 'providerSaid', params: ({ event }) => ({ hr: event.output.hr, expected: 'S_OK' }) },
            target: 'next',
            actions: [
              { type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) },
              { type: 'markCurrent', params: { state: 'loggedOn' } },
            ],
          },
          {
            // C-R7: never a failure, never disables.
            guard: {
              type: 'providerSaid',
              params: ({ event }) => ({ hr: event.output.hr, expected: 'MAPI_E_FAILONEPROVIDER' }),
            },
            target: 'C5',
            actions: { type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) },
          },
          {
            guard: 'failedBefore',
            target: 'C7',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
          },
          {
            guard: {
              type: 'providerSaid',
              params: ({ event }) => ({ hr: event.output.hr, expected: 'MAPI_E_UNCONFIGURED' }),
            },
            target: 'C4',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
          },
          {
            target: 'C6',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
          },
        ],
      },
    },
    C4: {
      meta: { ...nodeMeta('C4'), dialog: 'serviceConfig' },
      entry: visit('C4'),
      initial: 'route',
      states: {
        // C-R4: without UI, ServiceEntry runs without a dialog and the retry is silent.
        route: { always: [{ guard: 'uiAllowed', target: 'dialog' }, { target: '#messageService.C3' }] },
        dialog: { invoke: serviceEntry('C4', () => SERVICE_UI_ALLOWED, '#messageService.C3') },
      },
    },
    C5: {
      meta: nodeMeta('C5'),
      entry: [visit('C5'), { type: 'markCurrent', params: { state: 'skipped' } }],
      always: { target: 'next' },
    },
    C6: {
      meta: { ...nodeMeta('C6'), dialog: 'retry' },
      entry: visit('C6'),
      initial: 'route',
      states: {
        route: { always: [{ guard: 'uiAllowed', target: 'dialog' }, { target: '#messageService.C3' }] },
        dialog: {
          invoke: {
            id: 'retry',
        src: 'retry',
            input: ({ context }) => {
              const provider = context.providers[context.current]!;
              return { profile: context.profile, service: context.name, provider: provider.name, hr: provider.hr! };
            },
            onDone: [
              {
                guard: { type: 'answered', params: ({ event }) => ({ answer: event.output, expected: 'retry' }) },
                target: '#messageService.C3',
              },
              // The retry declined: C7.
              { target: '#messageService.C7' },
            ],
            onError: { target: '#messageService.C7' },
          },
        },
      },
    },
    C7: {
      meta: nodeMeta('C7'),
      entry: [visit('C7'), 'disableAll'],
      always: { target: 'disabled' },
    },
    // C-R6: a disabled service answers every later command at once, calling no provider.
    disabled: {
      meta: { label: 'Disabled for this session' },
      entry: 'report',
      on: {
        LOGON_KIND: { target: 'disabled', reenter: true },
        FINISH: { target: 'finishedDisabled' },
      },
    },
    C8: { meta: nodeMeta('C8'), type: 'final', entry: visit('C8') },
    finishedDisabled: { type: 'final', meta: { label: 'Disabled for this session' } },
  },
  // The session reads the final record from the done event.
  output: ({ context }) => ({ index: context.index, record: serviceRecord(context) }),
});
