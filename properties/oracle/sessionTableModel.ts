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
 * The session table as SPEC states it (S-R1, S-R2, S-R4, A-R1, A-R7), for a profile that always
 * logs on: small enough to be obviously right. The model-based test runs the real subsystem
 * against it step by step.
 */
export class SessionTableModel {
  initialized = false;
  sessions = new Map<string, ModelSession>();
  shared: string | null = null;
  holding = new Map<string, string>();
  next = 1;

  holdsLive(client: string): boolean {
    const id = this.holding.get(client);
    return id !== undefined && this.sessions.get(id)!.alive;
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

  logoff(client: string, all: boolean): { hr: HResultName; ended: boolean } {
    if (!this.holdsLive(client)) return { hr: 'MAPI_E_INVALID_OBJECT', ended: false };
    const id = this.holding.get(client)!;
    const s = this.sessions.get(id)!;
    this.holding.delete(client);
    s.clients.delete(client);
    if (all || !s.shared || s.clients.size === 0) {
      this.end(id);
      return { hr: 'S_OK', ended: true };
    }
    return { hr: 'S_OK', ended: false };
  }

  uninitialize(): void {
    for (const id of this.sessions.keys()) this.end(id);
    this.holding.clear();
    this.initialized = false;
  }

  liveSessions(): string[] {
    return [...this.sessions].filter(([, s]) => s.alive).map(([id]) => id).sort();
  }

  private end(id: string): void {
    const s = this.sessions.get(id)!;
    s.alive = false;
    s.clients.clear();
    if (this.shared === id) this.shared = null;
  }
}
