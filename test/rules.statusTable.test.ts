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

  it('T-R1 + T-R3 (v2): subsystem, spooler, integrated address book, then the logged-on providers in profile order', async () => {
    const r = await last<StatusTableCallResult>(profiles, logon('c', { profileName: 'Work' }), { op: 'statusTable', client: 'c' });
    expect(r.hr).toBe('S_OK');
    // A1 was skipped (C-R7), S2 was disabled (M2 failed twice) so A2 logged off again (C-R6): no rows.
    expect(table(r)).toEqual([
      'subsystem:Work:STATUS_AVAILABLE',
      'spooler:MAPI Spooler:STATUS_AVAILABLE',
      'integratedAddressBook:MAPI Address Book:STATUS_AVAILABLE',
      'transport:T1:STATUS_AVAILABLE',
      'store:M1:STATUS_AVAILABLE',
    ]);
  });

  it('T-R4 (v2): display name, resource type, status code, service and primary identity of each row', async () => {
    const r = await last<StatusTableCallResult>(
      [profile('Work', [service('S', ab('A'), store('M', { primaryIdentity: true, identity: 'Ann' }), transport('T'))])],
      logon('c', { profileName: 'work' }),
      { op: 'statusTable', client: 'c' },
    );
    expect(r.rows.map((row) => [row.name, row.service, row.resourceType, row.resourceTypeValue, row.statusCode, row.primaryIdentity])).toEqual([
      ['Work', null, 'MAPI_SUBSYSTEM', 39, 1, false],
      ['MAPI Spooler', null, 'MAPI_SPOOLER', 37, 1, false],
      ['MAPI Address Book', null, 'MAPI_AB', 34, 1, false],
      ['A', 'S', 'MAPI_AB_PROVIDER', 35, 1, false],
      ['M', 'S', 'MAPI_STORE_PROVIDER', 33, 1, true],
      ['T', 'S', 'MAPI_TRANSPORT_PROVIDER', 36, 1, false],
    ]);
  });

  it('T-R2 (v2): while the spooler was never told, no transport rows and the spooler row is STATUS_FAILURE (4)', async () => {
    const r = await last<StatusTableCallResult>(profiles, logon('c', { profileName: 'Work', flags: ['MAPI_NO_MAIL'] }), { op: 'statusTable', client: 'c' });
    expect(table(r)).toEqual([
      'subsystem:Work:STATUS_AVAILABLE',
      'spooler:MAPI Spooler:STATUS_FAILURE',
      'integratedAddressBook:MAPI Address Book:STATUS_AVAILABLE',
      'store:M1:STATUS_AVAILABLE',
    ]);
    expect(r.rows[1]!.statusCode).toBe(4);
  });

  it('a client that joined the shared session with MAPI_NO_MAIL sees its table, spooler still not told', async () => {
    const r = await last<StatusTableCallResult>(
      profiles,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] }),
      logon('b', { flags: ['MAPI_NO_MAIL'] }),
      { op: 'statusTable', client: 'b' },
    );
    expect(r.rows[1]!.status).toBe('STATUS_FAILURE');
    expect(r.rows).toHaveLength(4);
  });

  it('A-R9, T-R2 (v2): a joiner without MAPI_NO_MAIL tells the spooler; the transports get their rows', async () => {
    const r = await last<StatusTableCallResult>(
      profiles,
      logon('a', { profileName: 'Work', flags: ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL'] }),
      logon('b'),
      { op: 'statusTable', client: 'a' },
    );
    expect(table(r)).toEqual([
      'subsystem:Work:STATUS_AVAILABLE',
      'spooler:MAPI Spooler:STATUS_AVAILABLE',
      'integratedAddressBook:MAPI Address Book:STATUS_AVAILABLE',
      'transport:T1:STATUS_AVAILABLE',
      'store:M1:STATUS_AVAILABLE',
    ]);
  });

  it('no session: MAPI_E_INVALID_OBJECT and no rows', async () => {
    const r = await last<StatusTableCallResult>(profiles, { op: 'statusTable', client: 'nobody' });
    expect(r).toMatchObject({ hr: 'MAPI_E_INVALID_OBJECT', rows: [] });
  });
});
