import type { HResultName } from '../../src/constants/hresults.js';

interface ModelSession {
  clients: Set<string>;
  shared: boolean;
  alive: boolean;
}

export interface ModelLogon {
  hr: HResultName;
  session: string | null;
  shared: boolean;
}

/**
 * The session table as SPEC states it (S-R1 v2, S-R2, S-R4, A-R1, A-R7), for a profile that always
 * logs on: small enough to be obviously right. The model-based tests run the real subsystem
 * against it step by step.
 */
export class SessionTableModel {
  /** S-R1: the reference count; MAPI is initialized while it is above zero. */
  initCount = 0;
  sessions = new Map<string, ModelSession>();
  shared: string | null = null;
  holding = new Map<string, string>();
  next = 1;

  get initialized(): boolean {
    return this.initCount > 0;
  }

  holdsLive(client: string): boolean {
    const id = this.holding.get(client);
    return id !== undefined && this.sessions.get(id)!.alive;
  }

  /** S-R1, then S-R2: what a call on the client's session answers before it does anything. */
  reach(client: string): HResultName {
    if (!this.initialized) return 'MAPI_E_NOT_INITIALIZED';
    return this.holdsLive(client) ? 'S_OK' : 'MAPI_E_INVALID_OBJECT';
  }

  initialize(): number {
    return ++this.initCount;
  }

  /** S-R1: the count goes down (never below zero); the call that brings it to zero ends every live session. */
  uninitialize(): { initCount: number; endedSessions: string[] } {
    if (this.initCount === 0) return { initCount: 0, endedSessions: [] };
    this.initCount--;
    if (this.initCount > 0) return { initCount: this.initCount, endedSessions: [] };
    const endedSessions = this.liveSessions();
    for (const id of endedSessions) this.end(id);
    this.holding.clear();
    return { initCount: 0, endedSessions };
  }

  logon(client: string, newSession: boolean, allowOthers: boolean): ModelLogon {
    if (!this.initialized) return { hr: 'MAPI_E_NOT_INITIALIZED', session: null, shared: false };
    if (this.holdsLive(client)) return { hr: 'MAPI_E_INVALID_PARAMETER', session: null, shared: false };
    if (!newSession && this.shared !== null) {
      this.sessions.get(this.shared)!.clients.add(client);
      this.holding.set(client, this.shared);
      return { hr: 'S_OK', session: this.shared, shared: true };
    }
    const id = `s${this.next++}`;
    const shared = allowOthers && this.shared === null;
    this.sessions.set(id, { clients: new Set([client]), shared, alive: true });
    if (shared) this.shared = id;
    this.holding.set(client, id);
    return { hr: 'S_OK', session: id, shared };
  }

  logoff(client: string, all: boolean): { hr: HResultName; ended: boolean; notified: string[] } {
    const hr = this.reach(client);
    if (hr !== 'S_OK') return { hr, ended: false, notified: [] };
    const id = this.holding.get(client)!;
    const s = this.sessions.get(id)!;
    this.holding.delete(client);
    s.clients.delete(client);
    if (all || !s.shared || s.clients.size === 0) {
      // S-R2: MAPI_LOGOFF_SHARED on the shared session notifies the others, in the order they joined.
      const notified = all && s.shared ? [...s.clients] : [];
      this.end(id);
      return { hr: 'S_OK', ended: true, notified };
    }
    return { hr: 'S_OK', ended: false, notified: [] };
  }

  /** Live sessions in creation order. */
  liveSessions(): string[] {
    return [...this.sessions].filter(([, s]) => s.alive).map(([id]) => id);
  }

  private end(id: string): void {
    const s = this.sessions.get(id)!;
    for (const c of s.clients) this.holding.delete(c);
    s.alive = false;
    s.clients.clear();
    if (this.shared === id) this.shared = null;
  }
}
