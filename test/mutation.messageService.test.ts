import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import type { MapiSubsystemOptions } from '../src/subsystem/types.js';

// Tests that mutation testing of machines/messageService.ts asked for (BENCHMARKS.md, "Mutation score").

const profiles: MapiSubsystemOptions['profiles'] = [
  {
    name: 'Work',
    default: true,
    credentials: 'valid',
    services: [
      { name: 'Broken', providers: [{ name: 'BadStore', kind: 'store' }, { name: 'BadXport', kind: 'transport' }] },
      { name: 'Good', providers: [{ name: 'GoodStore', kind: 'store' }, { name: 'GoodXport', kind: 'transport' }] },
    ],
  },
];

describe('flowchart C runs that call no provider', () => {
  it('D-R1, A-R9, C-R6: a join that tells the spooler lists only the services whose transports it called, not a disabled one', async () => {
    const called: string[] = [];
    const mapi = createMapiSubsystem({
      profiles,
      providerLogon: ({ provider }) => {
        called.push(provider);
        return provider === 'BadStore' ? 'MAPI_E_NETWORK_ERROR' : 'S_OK';
      },
    });
    await mapi.initialize();
    // No UI: C6 retries at once, the second failure disables Broken (C7); no mail: the spooler waits.
    const first = await mapi.logonEx({ client: 'fax', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] });
    expect(first.services.map((s) => s.state)).toEqual(['disabled', 'enabled']);
    expect(first.spooler).toBe('notTold');
    const joined = await mapi.logonEx({ client: 'outlook', profileName: 'Work' });
    expect(joined.shared).toBe(true);
    const start = await joined.spoolerStart!;
    expect(start.services.map((s) => s.name)).toEqual(['Good']);
    expect(called).toEqual(['BadStore', 'BadStore', 'GoodStore', 'GoodXport']);
  });
});
