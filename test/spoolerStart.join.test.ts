import { describe, expect, it } from 'vitest';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';

// Found while mutation testing src/subsystem: a join while the creator's spooler start still ran
// emptied the dialog log that start reports.
describe('a join during the spooler start', () => {
  it('D-R1, D-R2, A-R9: the creator\'s spooler start still reports the dialogs it showed before a client joined', async () => {
    let release = (_: string) => {};
    const mapi = createMapiSubsystem({
      profiles: [
        {
          name: 'Work',
          default: true,
          credentials: 'valid',
          services: [
            {
              name: 'S',
              providers: [
                { name: 'M', kind: 'store' },
                { name: 'T1', kind: 'transport', configured: false },
                { name: 'T2', kind: 'transport' },
              ],
            },
          ],
        },
      ],
      dialogs: { providerConfig: () => 'complete' },
      providerLogon: ({ provider }) => (provider === 'T2' ? new Promise<string>((resolve) => (release = resolve)) : 'S_OK'),
    });
    await mapi.initialize();
    const a = await mapi.logonEx({ client: 'a', profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_LOGON_UI'] });
    expect(a.spoolerStart).not.toBeNull();
    const b = await mapi.logonEx({ client: 'b', profileName: 'Work' });
    expect([b.hr, b.shared, b.spoolerStart]).toEqual(['S_OK', true, null]);
    release('S_OK');
    const start = await a.spoolerStart!;
    expect(start.dialogLog).toEqual([{ kind: 'providerConfig', answer: 'complete' }]);
    expect(start.services[0]!.providers.map((p) => p.state)).toEqual(['loggedOn', 'loggedOn', 'loggedOn']);
  });
});
