import type { SessionContext, SessionOutput } from '../../machines/session.js';
import type { Ending } from './callbacks.js';
import { plainCopy } from './plainCopy.js';
import type { MachineRun } from './machineRun.js';
import type { DialogShown, LiveSessionState } from './types.js';

/** A live session: its flowchart D actor and what the subsystem keeps beside it. */
export interface LiveSession {
  id: string;
  profile: string;
  shared: boolean;
  run: MachineRun<SessionContext, SessionOutput>;
  /** Aborted when the session ends: the callbacks of its spooler's start stop (S-R1). */
  abort: Ending;
  /** The dialogs of its spooler's start (D2), reported by the call that told the spooler. */
  startDialogs: DialogShown[];
  /** The clients holding it, in the order they got it. */
  clients: string[];
}

/** A SessionTable between calls, as data (SessionTable.save): its runs as compiled snapshots. */
export interface SavedSessionTable {
  live: Array<{ id: string; profile: string; shared: boolean; clients: string[]; snapshot: unknown }>;
  holdings: Array<[string, Holding]>;
  sharedId: string | null;
  nextSession: number;
  nextToken: number;
}

interface Holding {
  session: string;
  /** Tells this logon's handle apart from an earlier one of the same client. */
  token: number;
}

/**
 * The live sessions, the shared one, and which client holds what (S-R2, S-R4, A-R7, C-R9). An
 * ended session leaves nothing here (D-R5): a handle to it finds no live session and answers
 * MAPI_E_INVALID_OBJECT.
 */
export class SessionTable {
  private readonly live = new Map<string, LiveSession>();
  private readonly holdings = new Map<string, Holding>();
  private sharedId: string | null = null;
  private nextSession = 1;
  private nextToken = 1;

  get shared(): LiveSession | null {
    return this.sharedId === null ? null : this.live.get(this.sharedId) ?? null;
  }

  /** The id the next session will get ("s1", "s2"… in creation order). */
  peekId(): string {
    return `s${this.nextSession}`;
  }

  /** Live sessions in creation order. */
  all(): LiveSession[] {
    return [...this.live.values()];
  }

  /** S-R4: the client still holds a live session. */
  holdsLive(client: string): boolean {
    return this.holdings.has(client);
  }

  /** The live session a handle stands for, or undefined if the handle is dead. */
  resolve(client: string, token: number): LiveSession | undefined {
    const h = this.holdings.get(client);
    return h && h.token === token ? this.live.get(h.session) : undefined;
  }

  /** A12: the session starts live, held by its creator; A-R7: it may become the shared one. */
  add(session: LiveSession): number {
    this.nextSession++;
    this.live.set(session.id, session);
    if (session.shared) this.sharedId = session.id;
    return this.hold(session.clients[0]!, session.id);
  }

  /** A3, A-R1: the client joins the shared session. */
  join(client: string, session: LiveSession): number {
    session.clients.push(client);
    return this.hold(client, session.id);
  }

  /** S-R2: the client leaves a session that goes on. */
  leave(client: string, session: LiveSession): void {
    this.holdings.delete(client);
    session.clients = session.clients.filter((c) => c !== client);
  }

  /** D5: the session ended; no client holds it any more. */
  remove(session: LiveSession): void {
    for (const c of session.clients) this.holdings.delete(c);
    session.clients = [];
    this.live.delete(session.id);
    if (this.sharedId === session.id) this.sharedId = null;
  }

  /** C-R9: how many live sessions other than `except` have this provider logged on. */
  sessionsHolding(profile: string, service: string, provider: string, except: string | null): number {
    let n = 0;
    for (const s of this.live.values()) {
      if (s.id === except || s.profile !== profile) continue;
      const svc = s.run.context().services.find((x) => x.name === service);
      if (svc?.providers.some((p) => p.name === provider && p.state === 'loggedOn')) n++;
    }
    return n;
  }

  snapshot(): { sessions: LiveSessionState[]; shared: string | null; holdings: Array<[string, string]>; nextSession: number } {
    return plainCopy({
      sessions: this.all().map((s) => {
        const c = s.run.context();
        return { id: s.id, profile: s.profile, shared: s.shared, clients: s.clients, spooler: c.spooler, services: c.services };
      }),
      shared: this.sharedId,
      holdings: [...this.holdings.entries()].map(([client, h]): [string, string] => [client, h.session]),
      nextSession: this.nextSession,
    });
  }

  /** Between calls, with every run idle on the compiled engine (persist() answers its snapshot). */
  save(): SavedSessionTable {
    return {
      live: this.all().map((s) => {
        const snapshot = s.run.persist();
        if (snapshot === undefined) throw new TypeError(`session ${s.id}: only a run on the compiled engine can be saved`);
        return { id: s.id, profile: s.profile, shared: s.shared, clients: s.clients.slice(), snapshot };
      }),
      holdings: [...this.holdings.entries()],
      sharedId: this.sharedId,
      nextSession: this.nextSession,
      nextToken: this.nextToken,
    };
  }

  /** Back to a saved table, in place (handles keep reaching it): the current runs stop, the saved ones resume. */
  restore(saved: SavedSessionTable, resume: (snapshot: unknown) => MachineRun<SessionContext, SessionOutput>, ending: () => Ending): void {
    for (const s of this.live.values()) s.run.stop();
    this.live.clear();
    for (const s of saved.live) {
      this.live.set(s.id, { id: s.id, profile: s.profile, shared: s.shared, clients: s.clients.slice(), startDialogs: [], abort: ending(), run: resume(s.snapshot) });
    }
    this.holdings.clear();
    for (const [client, h] of saved.holdings) this.holdings.set(client, h);
    this.sharedId = saved.sharedId;
    this.nextSession = saved.nextSession;
    this.nextToken = saved.nextToken;
  }

  private hold(client: string, session: string): number {
    const token = this.nextToken++;
    this.holdings.set(client, { session, token });
    return token;
  }
}
