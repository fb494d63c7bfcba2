import { describe, expect, it } from 'vitest';
import type { InspectionEvent } from 'xstate';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { REDACTED, sanitizeInspection } from '../src/subsystem/sanitizeInspection.js';

/** Inspection events as an inspector would serialize them (actor refs by id). */
function serialize(events: InspectionEvent[]): string {
  return JSON.stringify(events.map((e) => ({ type: e.type, snapshot: (e as { snapshot?: unknown }).snapshot, event: (e as { event?: unknown }).event })));
}

/** The data an inspector shows: every context and every event payload. */
function data(events: InspectionEvent[]): string {
  return JSON.stringify(events.map((e) => ({ context: (e as { snapshot?: { context?: unknown } }).snapshot?.context, event: (e as { event?: unknown }).event })));
}

describe('no secrets in inspection', () => {
  it('a whole logon with password and credential checks shows no credential in any inspection event', async () => {
    const events: InspectionEvent[] = [];
    const mapi = createMapiSubsystem({
      profiles: [{ name: 'Work', default: true, credentials: 'invalid', services: [{ name: 'S', providers: [{ name: 'P', kind: 'store' }] }] }],
      dialogs: { password: () => 'valid' },
      inspect: (e) => events.push(e),
    });
    await mapi.initialize();
    const refused = await mapi.logonEx({ profileName: 'Work', password: 'hunter2-SECRET', client: 'a' });
    expect(refused.hr).toBe('MAPI_E_INVALID_PARAMETER');
    const ok = await mapi.logonEx({ profileName: 'Work', flags: ['MAPI_PASSWORD_UI'], client: 'a' });
    expect(ok.hr).toBe('S_OK');
    const text = serialize(events);
    expect(events.length).toBeGreaterThan(20);
    expect(text).not.toContain('hunter2-SECRET');
    // No context field or event field is a credential (the dialog actor named "password" is no data).
    expect(data(events)).not.toMatch(/"(password|credentials?)":/i);
  });

  it('the backstop redacts fields named like secrets in contexts and events, and keeps the rest', () => {
    const seen: unknown[] = [];
    const inspect = sanitizeInspection((e) => seen.push(e));
    const snapshot = { value: 'A11', context: { profile: 'Work', password: 'p@ss', nested: { credentials: 'abc', keep: 1 } } };
    inspect({ type: '@xstate.snapshot', snapshot, event: { type: 'X', token: 't0k' } } as unknown as InspectionEvent);
    expect(JSON.stringify(seen)).not.toMatch(/p@ss|abc|t0k/);
    expect(seen[0]).toMatchObject({ snapshot: { value: 'A11', context: { profile: 'Work', password: REDACTED, nested: { credentials: REDACTED, keep: 1 } } }, event: { type: 'X', token: REDACTED } });
    // The original snapshot is left as it was.
    expect(snapshot.context.password).toBe('p@ss');
  });
});
