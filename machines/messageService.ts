import { assign, fromPromise, setup } from 'xstate';
import { isFailure, type HResultName } from './constants/hresults.js';
import {
  MAPI_SERVICE_UI_ALWAYS,
  MSG_SERVICE_CONFIGURE,
  SERVICE_UI_ALLOWED,
  SERVICE_UI_ALWAYS,
} from './constants/flags.js';
import { nodeMeta, appendVisit, visit } from './nodes.js';
import { providerLogonMachine, type ProviderLogonOutput } from './providerLogon.js';
import {
  PROVIDER_KIND_ORDER,
  type ProviderKind,
  type ProviderLogoffInput,
  type ProviderPhase,
  type ProviderRecord,
  type RetryAnswer,
  type RetryInput,
  type ServiceConfigAnswer,
  type ServiceConfigInput,
  type ServiceDef,
  type ServiceRecord,
} from './types.js';

/** One run of flowchart C for one service: configure it (C1/C2), or log on its providers of one kind. */
export interface MessageServiceInput {
  /** The service's place in the profile. */
  index: number;
  profile: string;
  /** The live session (during the spooler's start), null inside MAPILogonEx. */
  session: string | null;
  service: ServiceDef;
  /** The service as this session left it: C-R5 counts and C7 last for the whole session. Null at first. */
  record: ServiceRecord | null;
  /** The MAPILogonEx flags (C1 reads MAPI_SERVICE_UI_ALWAYS). */
  flags: number;
  /** C-R4: MAPI_LOGON_UI was set on the call that runs this. */
  uiAllowed: boolean;
  /** `configure`: C1 and C2 (C-R1); a provider kind: log on those providers (C-R2). */
  step: 'configure' | ProviderKind;
  phase: ProviderPhase;
  /** The service has been asked for every provider of this logon (or spooler start) once this run ends: C8. Never the configure run. */
  ready: boolean;
}

export interface MessageServiceOutput {
  index: number;
  record: ServiceRecord;
  /** A provider was called in this run (a join lists the services its spooler start called). */
  called: boolean;
}

export interface MessageServiceContext {
  index: number;
  profile: string;
  session: string | null;
  service: ServiceDef;
  flags: number;
  uiAllowed: boolean;
  step: MessageServiceInput['step'];
  phase: ProviderPhase;
  ready: boolean;
  name: string;
  providers: ProviderRecord[];
  /** C7 turns it to disabled for the rest of the session. */
  state: ServiceRecord['state'];
  failures: number;
  path: string[];
  /** Providers of this run's kind not called yet, by index. */
  queue: number[];
  /** The provider C3 is logging on (and C4/C6 retry). */
  current: number;
  called: boolean;
}

const freshProvider = (p: ServiceDef['providers'][number]): ProviderRecord => ({
  name: p.name,
  kind: p.kind,
  state: 'notStarted',
  hr: null,
  hrs: [],
  phase: null,
  attempts: 0,
  paths: [],
  configured: p.configured,
});

export function serviceRecord(context: MessageServiceContext): ServiceRecord {
  return {
    name: context.name,
    state: context.state,
    failures: context.failures,
    path: context.path,
    providers: context.providers,
  };
}

/** The providers with one of them changed; the others stay the same objects. */
const setProvider = (context: MessageServiceContext, index: number, change: Partial<ProviderRecord>) =>
  context.providers.map((p, i): ProviderRecord => (i === index ? Object.assign({}, p, change) : p));

/** D-R4 within one service: address books, then stores, then transports, each in profile order. */
export function logoffOrder<T extends { kind: ProviderKind }>(providers: readonly T[]): T[] {
  return PROVIDER_KIND_ORDER.flatMap((kind) => providers.filter((p) => p.kind === kind));
}

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
      session: context.session,
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
        meta: { rule: 'C-R1' },
      },
      { target: next, meta: { rule: 'C-R1' } },
    ],
    onError: { target: next, meta: { rule: 'C-R1' } },
  } as const;
}

/**
 * Flowchart C: one run of a message service. The session runs it once to configure the service
 * (C1, C2), then once per provider kind (C-R2); the service's record carries its failure count and
 * disabled state from run to run for the whole session (C-R5, C-R6, C-R8).
 */
export const messageServiceMachine = setup({
  types: {
    input: {} as MessageServiceInput,
    context: {} as MessageServiceContext,
    output: {} as MessageServiceOutput,
  },
  actors: {
    providerLogon: providerLogonMachine,
    // No dialog available: cancelled (docs/spec.md section 8).
    serviceConfig: fromPromise<ServiceConfigAnswer, ServiceConfigInput>(async () => 'cancel'),
    retry: fromPromise<RetryAnswer, RetryInput>(async () => 'cancel'),
  },
  actions: {
    visit: assign(({ context }, params: { node: string }) => appendVisit(context.path, params.node)),
    // C-R1: a completed ServiceEntry configures every provider of the service.
    configureAll: assign(({ context }) => ({
      providers: context.providers.map((p): ProviderRecord => Object.assign({}, p, { configured: true })),
    })),
    takeNext: assign(({ context }) => ({ current: context.queue[0]!, queue: context.queue.slice(1) })),
    recordAttempt: assign(({ context }, params: { output: ProviderLogonOutput }) => {
      const p = context.providers[context.current]!;
      return {
        called: true,
        providers: setProvider(context, context.current, {
          hr: params.output.hr,
          hrs: [...p.hrs, params.output.hr],
          phase: context.phase,
          attempts: p.attempts + 1,
          paths: [...p.paths, params.output.path],
          configured: params.output.configured,
        }),
      };
    }),
    countFailure: assign(({ context }) => ({ failures: context.failures + 1 })),
    markCurrent: assign(({ context }, params: { state: ProviderRecord['state'] }) => ({
      providers: setProvider(context, context.current, { state: params.state }),
    })),
    // C7, C-R6: every provider, logged on or not yet reached, is disabled for this session.
    disableAll: assign(({ context }) => ({
      state: 'disabled' as const,
      providers: context.providers.map((p): ProviderRecord => Object.assign({}, p, { state: 'disabled' as const })),
    })),
    // C-R6, D-R4: the providers already logged on log off, in D-R4's order within the service.
    logoffProviders: (_, _params: { providers: ProviderLogoffInput[] }) => {},
  },
  guards: {
    configureStep: ({ context }) => context.step === 'configure',
    serviceUiAlways: ({ context }) => (context.flags & MAPI_SERVICE_UI_ALWAYS) !== 0,
    uiAllowed: ({ context }) => context.uiAllowed,
    queueEmpty: ({ context }) => context.queue.length === 0,
    queueEmptyReady: ({ context }) => context.queue.length === 0 && context.ready && context.state === 'enabled',
    answered: (_, params: { answer: unknown; expected: string }) => params.answer === params.expected,
    // C-R5: S_OK or a warning (severity bit clear) logs the provider on.
    succeeded: (_, params: { hr: HResultName }) => !isFailure(params.hr),
    providerSaid: (_, params: { hr: HResultName; expected: HResultName }) => params.hr === params.expected,
    // C-R5: the second failure of the service, at any of its providers.
    failedBefore: ({ context }) => context.failures >= 1,
  },
}).createMachine({
  id: 'messageService',
  context: ({ input }) => {
    const previous = input.record;
    const providers = previous ? previous.providers : input.service.providers.map(freshProvider);
    const state = previous ? previous.state : 'enabled';
    // C-R6: a disabled service calls no provider again (C7 disabled every one); the configure run has no kind.
    const queue = providers.flatMap((p, i) => (p.kind === input.step && p.state === 'notStarted' ? [i] : []));
    return {
      index: input.index,
      profile: input.profile,
      session: input.session,
      service: input.service,
      flags: input.flags,
      uiAllowed: input.uiAllowed,
      step: input.step,
      phase: input.phase,
      ready: input.ready,
      name: input.service.name,
      providers,
      state,
      failures: previous ? previous.failures : 0,
      path: previous ? previous.path : [],
      queue,
      current: -1,
      called: false,
    };
  },
  initial: 'next',
  states: {
    C1: {
      meta: nodeMeta('C1'),
      entry: visit('C1'),
      always: [
        { guard: 'serviceUiAlways', target: 'C2', meta: { edge: 'yes', rule: 'C-R1' } },
        { target: 'paused', meta: { edge: 'no', rule: 'C-R1' } },
      ],
    },
    C2: {
      meta: { ...nodeMeta('C2'), dialog: 'serviceConfig' },
      entry: visit('C2'),
      invoke: serviceEntry('C2', (context) => SERVICE_UI_ALWAYS | (context.uiAllowed ? SERVICE_UI_ALLOWED : 0), 'paused'),
    },
    // A run starts here: the configure run goes to C1; a run of one kind calls its providers in turn.
    next: {
      meta: { label: 'Next provider of this kind' },
      always: [
        { guard: 'configureStep', target: 'C1' },
        // C8 once the service has been asked for every provider of the logon (or spooler start).
        { guard: 'queueEmptyReady', target: 'C8' },
        { guard: 'queueEmpty', target: 'paused' },
        { target: 'C3', actions: 'takeNext', meta: { rule: 'C-R2' } },
      ],
    },
    C3: {
      meta: nodeMeta('C3'),
      entry: visit('C3'),
      invoke: {
        id: 'providerLogon',
        src: 'providerLogon',
        input: ({ context }) => {
          const provider = context.providers[context.current]!;
          const def = context.service.providers[context.current]!;
          return {
            session: context.session,
            phase: context.phase,
            profile: context.profile,
            service: context.name,
            provider: { name: def.name, kind: def.kind, configured: provider.configured, storesConfig: def.storesConfig },
            attempt: provider.attempts + 1,
            uiAllowed: context.uiAllowed,
          };
        },
        onDone: [
          {
            guard: { type: 'succeeded', params: ({ event }) => ({ hr: event.output.hr }) },
            target: 'next',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, { type: 'markCurrent', params: { state: 'loggedOn' } }],
            meta: { edge: 'logged on', rule: 'C-R5' },
          },
          {
            guard: {
              type: 'providerSaid',
              params: ({ event }) => ({ hr: event.output.hr, expected: 'MAPI_E_FAILONEPROVIDER' }),
            },
            target: 'C5',
            actions: { type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) },
            meta: { edge: 'FAILONEPROVIDER', rule: 'C-R7' },
          },
          {
            guard: 'failedBefore',
            target: 'C7',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
            meta: { edge: '2nd failure', rule: 'C-R5' },
          },
          {
            guard: {
              type: 'providerSaid',
              params: ({ event }) => ({ hr: event.output.hr, expected: 'MAPI_E_UNCONFIGURED' }),
            },
            target: 'C4',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
            meta: { edge: 'UNCONFIGURED', rule: 'C-R5' },
          },
          {
            target: 'C6',
            actions: [{ type: 'recordAttempt', params: ({ event }) => ({ output: event.output }) }, 'countFailure'],
            meta: { edge: '1st failure', rule: 'C-R5' },
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
        route: {
          always: [
            { guard: 'uiAllowed', target: 'dialog' },
            { target: '#messageService.C3', meta: { edge: 'retry', rule: 'C-R4' } },
          ],
        },
        dialog: { invoke: serviceEntry('C4', () => SERVICE_UI_ALLOWED, '#messageService.C3') },
      },
    },
    C5: {
      meta: nodeMeta('C5'),
      entry: [visit('C5'), { type: 'markCurrent', params: { state: 'skipped' } }],
      always: { target: 'next', meta: { rule: 'C-R7' } },
    },
    C6: {
      meta: { ...nodeMeta('C6'), dialog: 'retry' },
      entry: visit('C6'),
      initial: 'route',
      states: {
        route: {
          always: [
            { guard: 'uiAllowed', target: 'dialog' },
            { target: '#messageService.C3', meta: { edge: 'retry', rule: 'C-R4' } },
          ],
        },
        dialog: {
          invoke: {
            id: 'retry',
            src: 'retry',
            input: ({ context }) => {
              const provider = context.providers[context.current]!;
              return { session: context.session, profile: context.profile, service: context.name, provider: provider.name, hr: provider.hr! };
            },
            onDone: [
              {
                guard: { type: 'answered', params: ({ event }) => ({ answer: event.output, expected: 'retry' }) },
                target: '#messageService.C3',
                meta: { edge: 'retry', rule: 'C-R5' },
              },
              // The retry declined: C7.
              { target: '#messageService.C7', meta: { edge: 'declined', rule: 'C-R5' } },
            ],
            onError: { target: '#messageService.C7', meta: { edge: 'declined', rule: 'C-R5' } },
          },
        },
      },
    },
    C7: {
      meta: nodeMeta('C7'),
      entry: [
        visit('C7'),
        {
          type: 'logoffProviders',
          params: ({ context }) => ({
            providers: logoffOrder(context.providers.filter((p) => p.state === 'loggedOn')).map((p) => ({
              session: context.session,
              profile: context.profile,
              service: context.name,
              provider: p.name,
              kind: p.kind,
              reason: 'disabled' as const,
            })),
          }),
        },
        'disableAll',
      ],
      always: { target: 'disabled', meta: { rule: 'C-R6' } },
    },
    // C-R6: nothing of this service is called again in this session.
    disabled: { type: 'final', meta: { label: 'Service disabled for this session' } },
    C8: { meta: nodeMeta('C8'), type: 'final', entry: visit('C8') },
    // More of this service's providers may be asked for later (the next kind, or the spooler's start).
    paused: { type: 'final', meta: { label: 'Service waits for the next phase' } },
  },
  output: ({ context }) => ({ index: context.index, record: serviceRecord(context), called: context.called }),
});
