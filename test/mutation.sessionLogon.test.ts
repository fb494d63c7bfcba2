import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, toPromise } from 'xstate';
import { sessionLogonMachine } from '../machines/sessionLogon.js';
import type { CredentialCheck, CredentialsInput, ProfileDef } from '../machines/types.js';

// Tests that mutation testing of machines/sessionLogon.ts asked for (BENCHMARKS.md, "Mutation score").

const provider = (name: string, kind: 'addressBook' | 'store' | 'transport') => ({ name, kind, configured: true, storesConfig: true, identity: null, primaryIdentity: false });
const profiles: ProfileDef[] = [
  { name: 'Work', services: [{ name: 'A', providers: [provider('A1', 'store')] }, { name: 'B', providers: [provider('B1', 'store')] }] },
];

describe('flowchart A snapshots', () => {
  it('A-R5: each service phase records a service in a new list, so earlier snapshots keep the records they had', async () => {
    const machine = sessionLogonMachine.provide({ actors: { validateCredentials: fromPromise<CredentialCheck, CredentialsInput>(async () => 'valid') } });
    const actor = createActor(machine, { input: { flags: 0, profileName: 'Work', sharedSession: null, defaultProfile: null, profiles } });
    const seen: Array<{ services: unknown[]; names: string[] }> = [];
    actor.subscribe((s) => seen.push({ services: s.context.services, names: s.context.services.map((r) => `${r.name}:${r.path.join(' ')}`) }));
    actor.start();
    const out = await toPromise(actor);
    expect(out.hr).toBe('S_OK');
    expect(out.services.map((r) => r.name)).toEqual(['A', 'B']);
    // A machine's snapshots are immutable: what a snapshot held then, it holds now.
    for (const s of seen) expect(s.services.map((r) => `${(r as { name: string }).name}:${(r as { path: string[] }).path.join(' ')}`)).toEqual(s.names);
    expect(new Set(seen.map((s) => s.names.length))).toEqual(new Set([0, 1, 2]));
  });
});
