import { describe, expect, it } from 'vitest';
import { ab, last, logon, profile, service, store, transport, type StatusTableCallResult } from './helpers/scenario.js';

const table = (r: StatusTableCallResult) => r.rows.map((row) => `${row.kind}:${row.name}:${row.status}`);

describe('T-R1..T-R3: the status table', () => {
  const profiles = [
    profile('Work', [
      service('S1', transport('T1'), ab('A1', { outcomes: ['MAPI_E_FAILONEPROVIDER'] }), store('M1')),
      service('S2', store('M2', { outcomes: ['MAPI_E_NETWORK_ERROR'] }), ab('A2')),
    ]),
  ];

  it('T-R1 + T-R3: subsystem, spooler, then providers in profile order; logged on AVAILABLE, skipped or disabled FAILURE', async () => {
    const r = await last<StatusTableCallResult>(profiles, logon('c', { profileName: 'Work' }), { op: 'statusTable', client: 'c' });
    expect(r.hr).toBe('S_OK');
    expect(table(r)).toEqual([
      'subsystem:MAPI Subsystem:STATUS_AVAILABLE',
      'spooler:MAPI Spooler:STATUS_AVAILABLE',
      'transport:T1:STATUS_AVAILABLE',
      'addressBook:A1:STATUS_FAILURE',
      'store:M1:STATUS_AVAILABLE',
      'store:M2:STATUS_FAILURE',
      'addressBook:A2:STATUS_FAILURE',
    ]);
  });

  it('T-R2: with MAPI_NO_MAIL no transport rows and the spooler row is STATUS_FAILURE', async () => {
    const r = await last<StatusTableCallResult>(profiles, logon('c', { profileName: 'Work', flags: ['MAPI_NO_MAIL'] }), { op: 'statusTable', client: 'c' });
    expect(table(r)).toEqual([
      'subsystem:MAPI Subsystem:STATUS_AVAILABLE',
      'spooler:MAPI Spooler:STATUS_FAILURE',
      'addressBook:A1:STATUS_FAILURE',
      'store:M1:STATUS_AVAILABLE',
      'store:M2:STATUS_FAILURE',
      'addressBook:A2:STATUS_FAILURE',
    ]);
  });

  it('a client that joined the shared session sees its table', async () => {
    const r = await last<StatusTableCallResult>(
      profiles,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] }),
      logon('b'),
      { op: 'statusTable', client: 'b' },
    );
    expect(r.rows[1]!.status).toBe('STATUS_FAILURE');
    expect(r.rows).toHaveLength(6);
  });

  it('no session: MAPI_E_INVALID_OBJECT and no rows', async () => {
    const r = await last<StatusTableCallResult>(profiles, { op: 'statusTable', client: 'nobody' });
    expect(r).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT', rows: [] });
  });
});
