import type { ServiceRecord } from '../../machines/types.js';
import { providerKey } from './profileStore.js';

export interface SessionEntry {
  id: string;
  profile: string;
  flags: number;
  /** The one shared session (A-R7), or an individual one. */
  shared: boolean;
  alive: boolean;
  /** The clients holding this session; one for an individual session. */
  clients: string[];
  services: ServiceRecord[];
  /** providerKey of every provider logged on in this session (C-R9). */
  loggedOn: string[];
}

interface Holding {
  session: string;
  /** Tells this logon's handle apart from an earlier one of the same client. */
  token: number;
}

export interface SessionTableSnapshot {
  sessions: SessionEntry[];
  shared: string | null;
  holdings: [string, Holding][];
  nextSession: number;
  nextToken: number;
  /** Live sessions per provider key (C-R9). */
  providerCounts: [string, number][];
}

/** The live sessions, the shared one, and which client holds what (S-R2, S-R4, A-R7, C-R9). */
export class SessionTable {
  private sessions = new Map<string, SessionEntry>();
  private shared: string | null = null;
  private holdings = new Map<string, Holding>();
  private nextSession = 1;
  private nextToken = 1;
  /** C-R9: live sessions per provider key, kept as sessions start and end (no scan of old ones). */
  private holding = new Map<string, number>();

  get sharedSession(): SessionEntry | null {
    return this.shared === null ? null : this.sessions.get(this.shared) ?? null;
  }

  get(id: string): SessionEntry | undefined {
    return this.sessions.get(id);
  }

  /** S-R4: the client still holds a live session. */
  holdsLive(client: string): boolean {
    const h = this.holdings.get(client);
    return h !== undefined && this.sessions.get(h.session)?.alive === true;
  }

  /** The live session a handle stands for, or undefined if the handle is dead. */
  resolve(client: string, token: number): SessionEntry | undefined {
    const h = this.holdings.get(client);
    if (!h || h.token !== token) return undefined;
    const s = this.sessions.get(h.session);
    return s?.alive ? s : undefined;
  }

  /** C-R9: how many live sessions have this provider logged on. */
  sessionsHolding(key: string): number {
    return this.holding.get(key) ?? 0;
  }

  create(client: string, profile: string, flags: number, wantsShared: boolean, services: ServiceRecord[]): { entry: SessionEntry; token: number } {
    const id = `s${this.nextSession++}`;
    // A-R7: only if there is no shared session already.
    const shared = wantsShared && this.sharedSession === null;
    const loggedOn = services.flatMap((svc) =>
      svc.providers.filter((p) => p.state === 'loggedOn').map((p) => providerKey(profile, svc.name, p.name)),
    );
    const entry: SessionEntry = { id, profile, flags, shared, alive: true, clients: [client], services, loggedOn };
    this.sessions.set(id, entry);
    for (const key of loggedOn) this.holding.set(key, (this.holding.get(key) ?? 0) + 1);
    if (shared) this.shared = id;
    return { entry, token: this.hold(client, id) };
  }

  /** A3, A-R1: the client joins the shared session. */
  join(client: string, id: string): { entry: SessionEntry; token: number } {
    const entry = this.sessions.get(id)!;
    entry.clients.push(client);
    return { entry, token: this.hold(client, id) };
  }

  /** S-R2: the client leaves; the session ends when it was individual, its last client left, or `all`. */
  logoff(client: string, entry: SessionEntry, all: boolean): boolean {
    this.holdings.delete(client);
    entry.clients = entry.clients.filter((c) => c !== client);
    if (all || !entry.shared || entry.clients.length === 0) {
      this.end(entry);
      return true;
    }
    return false;
  }

  /** S-R1: MAPIUninitialize ends every live session. */
  endAll(): void {
    for (const s of this.sessions.values()) if (s.alive) this.end(s);
    this.holdings.clear();
  }

  snapshot(): SessionTableSnapshot {
    return structuredClone({
      sessions: [...this.sessions.values()],
      shared: this.shared,
      holdings: [...this.holdings.entries()],
      nextSession: this.nextSession,
      nextToken: this.nextToken,
      providerCounts: [...this.holding.entries()].filter(([, n]) => n > 0).sort(),
    });
  }

  private hold(client: string, session: string): number {
    const token = this.nextToken++;
    this.holdings.set(client, { session, token });
    return token;
  }

  private end(entry: SessionEntry): void {
    entry.alive = false;
    for (const key of entry.loggedOn) this.holding.set(key, this.holding.get(key)! - 1);
    entry.clients = [];
    if (this.shared === entry.id) this.shared = null;
  }
}
