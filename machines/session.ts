import { assign, setup } from 'xstate';
import { MAPI_FORCE_DOWNLOAD, MAPI_LOGOFF_SHARED, MAPI_LOGON_UI, MAPI_NO_MAIL } from './constants/flags.js';
import { logoffOrder, messageServiceMachine, type MessageServiceInput, type MessageServiceOutput } from './messageService.js';
import { nodeMeta, appendVisit, visit } from './nodes.js';
import type { ProfileDef, ProviderLogoffInput, ServiceRecord, SpoolerState } from './types.js';

/** A client holding the session, with its own MAPILogonEx flags (A-R9). */
export interface SessionClient {
  name: string;
  flags: number;
}

/** D-R3: the identity that represents the session. */
export interface SessionIdentity {
  provider: string;
  service: string;
  display: string;
}

export interface SessionInput {
  /** The session's id ("s1", "s2"… in creation order). */
  id: string;
  /** The profile's message services (never its credentials). */
  profile: ProfileDef;
  /** The services as MAPILogonEx left them (A12). */
  services: ServiceRecord[];
  /** The client that made the session, with its flags. */
  creator: SessionClient;
  /** A-R7: the session is the shared one. */
  shared: boolean;
}

/** The spooler's start that is due or running (D-R1). */
export interface SpoolerStart {
  /** C-R4: as the call that told the spooler allowed UI. */
  uiAllowed: boolean;
  flags: number;
  /** Right after A12 every service is readied (C8); after a join only those with transports run. */
  everyService: boolean;
}

export type SessionEvent =
  | { type: 'JOIN'; client: SessionClient }
  | { type: 'LOGOFF'; client: string; flags: number }
  | { type: 'QUERY_IDENTITY' }
  | { type: 'END' };

export interface SessionContext {
  id: string;
  profile: ProfileDef;
  shared: boolean;
  services: ServiceRecord[];
  /** In the order they got the session: the creator first, then joiners (S-R2's notification order). */
  clients: SessionClient[];
  spooler: SpoolerState;
  start: SpoolerStart | null;
  cursor: number;
  /** The services whose providers the last spooler start called. */
  started: number[];
  identity: SessionIdentity | null;
  /** S-R2: the clients told to log off by MAPI_LOGOFF_SHARED. */
  notified: string[];
  /** D-R4: the providers in the order they logged off. */
  loggedOff: string[];
  /** Flowchart D node ids in visit order. */
  path: string[];
}

export interface SessionOutput {
  loggedOff: string[];
  notified: string[];
}

const noMail = (flags: number) => (flags & MAPI_NO_MAIL) !== 0;

/** D-R3: the providers that are logged on, in status-row order (T-R3: services, then providers). */
export function loggedOnProviders(context: Pick<SessionContext, 'profile' | 'services'>) {
  return context.services.flatMap((service, s) =>
    service.providers.flatMap((p, i) => {
      if (p.state !== 'loggedOn') return [];
      const def = context.profile.services[s]!.providers[i]!;
      return [{ service: service.name, provider: p, def }];
    }),
  );
}

/** D-R3: the first primary identity that supplies one, else the first provider that does, else none. */
export function queryIdentity(context: Pick<SessionContext, 'profile' | 'services'>): SessionIdentity | null {
  const candidates = loggedOnProviders(context).filter((c) => typeof c.def.identity === 'string');
  const chosen = candidates.find((c) => c.def.primaryIdentity === true) ?? candidates[0];
  return chosen ? { provider: chosen.provider.name, service: chosen.service, display: chosen.def.identity! } : null;
}

/** D-R4: address books, then stores, then transports, each in profile order. */
function logoffProviders(context: SessionContext): ProviderLogoffInput[] {
  const all = loggedOnProviders(context).map((c) => ({
    session: context.id,
    profile: context.profile.name,
    service: c.service,
    provider: c.provider.name,
    kind: c.provider.kind,
    reason: 'logoff' as const,
  }));
  return logoffOrder(all);
}

function spoolerRun(context: SessionContext): MessageServiceInput {
  const start = context.start!;
  return {
    index: context.cursor,
    profile: context.profile.name,
    session: context.id,
    service: context.profile.services[context.cursor]!,
    record: context.services[context.cursor]!,
    flags: start.flags,
    uiAllowed: start.uiAllowed,
    step: 'transport',
    phase: 'spooler',
    ready: true,
  };
}

/**
 * Flowchart D: the live session, from A12 to its end. It keeps the session's message services
 * (their records: C-R5's count and C7 last for the session), starts the transports through the
 * spooler (D2), answers QueryIdentity (D3) and logs the providers off at the end (D4).
 */
export const sessionMachine = setup({
  types: {
    input: {} as SessionInput,
    context: {} as SessionContext,
    events: {} as SessionEvent,
    output: {} as SessionOutput,
  },
  actors: {
    messageService: messageServiceMachine,
  },
  actions: {
    visit: assign(({ context }, params: { node: string }) => appendVisit(context.path, params.node)),
    join: assign(({ context }, params: { client: SessionClient }) => {
      const clients = [...context.clients, params.client];
      // A-R9: the first client without MAPI_NO_MAIL tells the spooler; its transports start then.
      if (context.spooler === 'told' || noMail(params.client.flags)) return { clients };
      return {
        clients,
        spooler: 'told' as const,
        start: { uiAllowed: (params.client.flags & MAPI_LOGON_UI) !== 0, flags: params.client.flags, everyService: false },
      };
    }),
    leave: assign(({ context }, params: { client: string }) => ({
      clients: context.clients.filter((c) => c.name !== params.client),
    })),
    notify: assign(({ context }, params: { client: string; flags: number }) => ({
      notified:
        context.shared && (params.flags & MAPI_LOGOFF_SHARED) !== 0
          ? context.clients.filter((c) => c.name !== params.client).map((c) => c.name)
          : [],
    })),
    beginStart: assign({ cursor: 0, started: [] }),
    endStart: assign({ start: null, cursor: 0 }),
    recordService: assign(({ context }, params: { report: MessageServiceOutput }) => {
      const services = context.services.slice();
      services[params.report.index] = params.report.record;
      return {
        services,
        cursor: context.cursor + 1,
        started: params.report.called ? [...context.started, params.report.index] : context.started,
      };
    }),
    skipService: assign(({ context }) => ({ cursor: context.cursor + 1 })),
    answerIdentity: assign(({ context }) => ({ identity: queryIdentity(context) })),
    // The subsystem provides the providers' logoff (IABLogon::Logoff, IMSLogon::Logoff, IXPLogon::TransportLogoff).
    logoffProviders: (_, _params: { providers: ProviderLogoffInput[] }) => {},
    recordLoggedOff: assign(({ context }) => ({ loggedOff: logoffProviders(context).map((p) => p.provider) })),
    // D-R5: nothing of the services is kept once the session has ended.
    release: assign({ services: [], clients: [], start: null }),
  },
  guards: {
    startDue: ({ context }) => context.start !== null,
    everyServiceRun: ({ context }) => context.cursor >= context.services.length,
    // After a join only the services with transports run (a join lists the services it started).
    serviceHasNoTransport: ({ context }) =>
      !context.start!.everyService && !context.services[context.cursor]!.providers.some((p) => p.kind === 'transport'),
    // S-R2: an individual session, the last client, or MAPI_LOGOFF_SHARED ends the session.
    logoffEnds: ({ context }, params: { client: string; flags: number }) =>
      !context.shared || (params.flags & MAPI_LOGOFF_SHARED) !== 0 || context.clients.every((c) => c.name === params.client),
  },
}).createMachine({
  id: 'session',
  context: ({ input }) => {
    const flags = input.creator.flags;
    // D-R1: without MAPI_NO_MAIL the spooler is told at A12; MAPI_FORCE_DOWNLOAD already started the transports.
    const told = !noMail(flags);
    const startsNow = told && (flags & MAPI_FORCE_DOWNLOAD) === 0;
    return {
      id: input.id,
      profile: input.profile,
      shared: input.shared,
      services: input.services,
      clients: [input.creator],
      spooler: told ? 'told' : 'notTold',
      start: startsNow ? { uiAllowed: (flags & MAPI_LOGON_UI) !== 0, flags, everyService: true } : null,
      cursor: 0,
      started: [],
      identity: null,
      notified: [],
      loggedOff: [],
      path: [],
    };
  },
  initial: 'D1',
  states: {
    D1: {
      meta: nodeMeta('D1'),
      entry: visit('D1'),
      always: { guard: 'startDue', target: 'D2', meta: { edge: 'spooler told', rule: 'D-R1' } },
      on: {
        JOIN: { actions: { type: 'join', params: ({ event }) => ({ client: event.client }) }, meta: { rule: 'A-R9' } },
        QUERY_IDENTITY: { target: 'D3', meta: { edge: 'QueryIdentity', rule: 'D-R3' } },
        LOGOFF: [
          {
            guard: { type: 'logoffEnds', params: ({ event }) => ({ client: event.client, flags: event.flags }) },
            target: 'D4',
            actions: { type: 'notify', params: ({ event }) => ({ client: event.client, flags: event.flags }) },
            meta: { edge: 'Logoff', rule: 'S-R2' },
          },
          { actions: { type: 'leave', params: ({ event }) => ({ client: event.client }) }, meta: { rule: 'S-R2' } },
        ],
        END: { target: 'D4', meta: { edge: 'last uninitialize', rule: 'S-R1' } },
      },
    },
    // D-R1: the spooler logs the transports on through their services; MAPILogonEx has returned.
    D2: {
      meta: nodeMeta('D2'),
      entry: [visit('D2'), 'beginStart'],
      initial: 'nextService',
      states: {
        nextService: {
          always: [
            { guard: 'everyServiceRun', target: '#session.D1', actions: 'endStart', meta: { edge: 'started', rule: 'D-R1' } },
            { guard: 'serviceHasNoTransport', target: 'nextService', reenter: true, actions: 'skipService' },
            { target: 'run' },
          ],
        },
        run: {
          invoke: {
            id: 'messageService',
            src: 'messageService',
            input: ({ context }) => spoolerRun(context),
            onDone: {
              target: 'nextService',
              actions: { type: 'recordService', params: ({ event }) => ({ report: event.output }) },
            },
          },
        },
      },
      // S-R1: the last MAPIUninitialize ends the session even while its spooler starts.
      on: { END: { target: 'D4', meta: { edge: 'last uninitialize', rule: 'S-R1' } } },
    },
    D3: {
      meta: nodeMeta('D3'),
      entry: [visit('D3'), 'answerIdentity'],
      always: { target: 'D1', meta: { rule: 'D-R3' } },
    },
    D4: {
      meta: nodeMeta('D4'),
      entry: [
        visit('D4'),
        { type: 'logoffProviders', params: ({ context }) => ({ providers: logoffProviders(context) }) },
        'recordLoggedOff',
      ],
      always: { target: 'D5', meta: { rule: 'D-R4' } },
    },
    D5: { meta: nodeMeta('D5'), type: 'final', entry: [visit('D5'), 'release'] },
  },
  output: ({ context }) => ({ loggedOff: context.loggedOff, notified: context.notified }),
});
