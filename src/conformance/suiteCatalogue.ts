import type { ScenarioInput } from '../schema/scenario.js';

/**
 * The generated suite's scenarios: each small, each named after the rule it is about (its first
 * rule id), so a divergence points at one rule. Written from SPEC v2; their expected outputs are
 * the simulator's, so they follow the machines. `mapi-logon suite` checks that together they reach
 * every node, edge and reachable rule id.
 */

type Provider = NonNullable<ScenarioInput['profiles']>[number]['services'][number]['providers'][number];
type Call = ScenarioInput['calls'][number];

const ab = (name: string, more: Partial<Provider> = {}): Provider => ({ name, kind: 'addressBook', ...more });
const store = (name: string, more: Partial<Provider> = {}): Provider => ({ name, kind: 'store', ...more });
const transport = (name: string, more: Partial<Provider> = {}): Provider => ({ name, kind: 'transport', ...more });

/** One profile "Work" (default), its credentials valid unless said otherwise. */
function work(services: Array<[string, Provider[]]>, more: { default?: boolean; credentials?: 'valid' | 'invalid'; name?: string } = {}) {
  return {
    name: more.name ?? 'Work',
    default: more.default ?? true,
    credentials: more.credentials ?? 'valid',
    services: services.map(([name, providers]) => ({ name, providers })),
  };
}

const exchange = (more: { gal?: Partial<Provider>; mailbox?: Partial<Provider>; transport?: Partial<Provider> } = {}): [string, Provider[]] => [
  'Exchange',
  [ab('GAL', more.gal), store('Mailbox', more.mailbox), transport('Transport', more.transport)],
];

const init: Call = { op: 'initialize' };
const logon = (client: string, flags: string[] | number = [], more: Partial<Extract<Call, { op: 'logon' }>> = {}): Call => ({
  op: 'logon',
  client,
  profileName: 'Work',
  password: null,
  flags,
  ...more,
});
const logoff = (client: string, flags: string[] | number = []): Call => ({ op: 'logoff', client, flags });
const status = (client: string): Call => ({ op: 'statusTable', client });
const identity = (client: string): Call => ({ op: 'queryIdentity', client });

export interface SuiteEntry {
  name: string;
  scenario: ScenarioInput;
}

const entry = (name: string, description: string, profiles: ScenarioInput['profiles'], calls: Call[]): SuiteEntry => ({
  name,
  scenario: { description, profiles, calls },
});

export const SUITE_CATALOGUE: SuiteEntry[] = [
  entry('A-R1-join-shared', 'A-R1, A-R7: a session made with MAPI_ALLOW_OTHERS is shared; a logon without MAPI_NEW_SESSION joins it (A1 no, A2 yes, A3) whatever the profile name', [work([exchange()])], [
    init,
    logon('a', ['MAPI_ALLOW_OTHERS']),
    logon('b', [], { profileName: 'Nowhere' }),
  ]),
  entry('A-R1-no-shared', 'A1 no, A2 no: no shared session exists, a new one is made', [work([exchange()])], [init, logon('a', [])]),
  entry('A-R2-profile-case', 'A-R2: profile names match ignoring case, the profile keeps its stored name', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION'], { profileName: 'wORK' }),
  ]),
  entry('A-R2-no-profile', 'A-R2: a profile that does not exist cannot be validated (A11 no), not even by a valid password (A14)', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION'], { profileName: 'Home' }),
    logon('b', ['MAPI_NEW_SESSION', 'MAPI_PASSWORD_UI'], { profileName: 'Home', answers: { password: ['valid'] } }),
  ]),
  entry('A-R2-no-default', 'A-R2: MAPI_USE_DEFAULT without a default profile (A7) cannot be validated', [work([exchange()], { default: false })], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_USE_DEFAULT'], { profileName: null }),
  ]),
  entry('A-R3-profile-picker', 'A-R3: A9 picks a profile, or is cancelled (MAPI_E_USER_CANCEL)', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { profileName: null, answers: { profilePicker: ['Work'] } }),
    logon('b', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { profileName: '', answers: { profilePicker: ['cancel'] } }),
  ]),
  entry('A-R4-password', 'A-R4: A14 with a valid password goes on; cancel → MAPI_E_USER_CANCEL; invalid → MAPI_E_LOGON_FAILED; without MAPI_PASSWORD_UI → A15', [work([exchange()], { credentials: 'invalid' })], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_PASSWORD_UI'], { answers: { password: ['valid'] } }),
    logon('b', ['MAPI_NEW_SESSION', 'MAPI_PASSWORD_UI'], { answers: { password: ['cancel'] } }),
    logon('c', ['MAPI_NEW_SESSION', 'MAPI_PASSWORD_UI'], { answers: { password: ['invalid'] } }),
    logon('d', ['MAPI_NEW_SESSION']),
  ]),
  entry('A-R6-explicit-profile', 'A-R6: MAPI_EXPLICIT_PROFILE never makes the default profile be used (A6 no, A8 no, A10); MAPI_USE_DEFAULT does (A7)', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_EXPLICIT_PROFILE'], { profileName: null }),
    logon('b', ['MAPI_NEW_SESSION', 'MAPI_USE_DEFAULT', 'MAPI_EXPLICIT_PROFILE'], { profileName: null }),
  ]),
  entry('A-R7-second-shared', 'A-R7: a second MAPI_ALLOW_OTHERS session stays individual while a shared one exists', [work([exchange()])], [
    init,
    logon('a', ['MAPI_ALLOW_OTHERS']),
    logon('b', ['MAPI_NEW_SESSION', 'MAPI_ALLOW_OTHERS']),
  ]),
  entry('A-R8-flags', 'A-R8: flags that change no edge are accepted', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_EXTENDED', 'MAPI_UNICODE', 'MAPI_BG_SESSION', 'MAPI_NT_SERVICE', 'MAPI_TIMEOUT_SHORT']),
  ]),
  entry('A-R9-join-tells-spooler', 'A-R9, C-R3, T-R2, D-R1: a MAPI_NO_MAIL session starts no transport; a client without it that joins tells the spooler and the transports start', [work([exchange()])], [
    init,
    logon('a', ['MAPI_ALLOW_OTHERS', 'MAPI_NO_MAIL']),
    status('a'),
    logon('b', []),
    status('b'),
  ]),
  entry('B-R1-no-stored-config', 'B-R1: a provider that stores nothing in the profile goes from B2 to B6 and asks (B8 complete → B10)', [work([['Exchange', [store('Mailbox', { storesConfig: false })]]])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { providerConfig: ['complete'] } }),
  ]),
  entry('B-R3-accidental-cancel', 'B-R3: accidental-cancel prompts again (B13 no → B8), then complete', [work([['Exchange', [store('Mailbox', { configured: false })]]])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { providerConfig: ['accidental-cancel', 'complete'] } }),
  ]),
  entry('B-R3-incomplete', 'B-R3, C-R5: an incomplete dialog answers MAPI_E_UNCONFIGURED (B12): C4 configures the service and the provider is retried', [work([['Exchange', [store('Mailbox', { configured: false })]]])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { providerConfig: ['incomplete', 'complete'], serviceConfig: ['complete'] } }),
  ]),
  entry('B-R3-cancel', 'B-R3, C-R5: a cancelled dialog answers MAPI_E_USER_CANCEL (B14), a failure; the retry is declined (C6 → C7)', [work([['Exchange', [store('Mailbox', { configured: false })]]])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { providerConfig: ['cancel'], retry: ['cancel'] } }),
  ]),
  entry('B-R4-outcome', "B-R4, C-R5: after B5 the provider's own answer counts: a network error, a retry (C6), then S_OK", [work([exchange({ mailbox: { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] } })])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { retry: ['retry'] } }),
  ]),
  entry('C-R1-service-ui-always', 'C-R1, C-R4: MAPI_SERVICE_UI_ALWAYS shows every service its configuration dialog (C2) before any provider, even without MAPI_LOGON_UI; complete configures, cancel keeps the stored configuration', [
    work([['Exchange', [store('Mailbox', { configured: false })]], ['Personal Folders', [store('PST', { configured: false })]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION', 'MAPI_SERVICE_UI_ALWAYS'], { answers: { serviceConfig: ['complete', 'cancel'] } })]),
  entry('C-R2-kind-order', 'C-R2: every address book provider logs on before any store, across the whole profile: the failing address book disables its service before its store is called', [
    work([['Exchange', [store('Mailbox'), ab('GAL', { outcomes: ['MAPI_E_NETWORK_ERROR'] })]], ['Directory', [ab('LDAP')]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION'])]),
  entry('C-R2-force-download', 'C-R2: with MAPI_FORCE_DOWNLOAD the transports log on inside MAPILogonEx, after the stores', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_FORCE_DOWNLOAD']),
  ]),
  entry('C-R3-no-mail-force-download', 'C-R3: with MAPI_NO_MAIL, MAPI_FORCE_DOWNLOAD changes nothing: no transport logs on', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION', 'MAPI_NO_MAIL', 'MAPI_FORCE_DOWNLOAD']),
    status('a'),
  ]),
  entry('C-R4-no-ui', 'C-R4, B-R2: without MAPI_LOGON_UI an unconfigured provider answers MAPI_E_UNCONFIGURED (B6 no, B7); C4 retries without a dialog; the second failure disables the service', [work([['Exchange', [store('Mailbox', { configured: false })]]])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
  ]),
  entry('C-R5-two-failures', 'C-R5, C-R6: the transport fails, is retried, fails again: the service is disabled, its logged-on providers logged off', [
    work([exchange({ transport: { outcomes: ['MAPI_E_NETWORK_ERROR', 'MAPI_E_NETWORK_ERROR', 'S_OK'] } }), ['Personal Folders', [store('PST')]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION', 'MAPI_LOGON_UI'], { answers: { retry: ['retry'] } }), status('a'), logoff('a')]),
  entry('C-R5-silent-retry', 'C-R5: without UI the retry still happens, silently', [work([exchange({ mailbox: { outcomes: ['MAPI_E_CALL_FAILED', 'S_OK'] } })])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
  ]),
  entry('C-R5-warning', 'C-R5: a warning (MAPI_W_ERRORS_RETURNED) logs the provider on and its hr keeps the warning', [work([exchange({ mailbox: { outcomes: ['MAPI_W_ERRORS_RETURNED'] } })])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
  ]),
  entry('C-R6-disable-skips-rest', 'C-R6: the second failure at a store disables the service: its address book is logged off, its transport never called', [
    work([exchange({ mailbox: { outcomes: ['MAPI_E_NETWORK_ERROR'] } })]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), status('a')]),
  entry('C-R7-failoneprovider', 'C-R7: MAPI_E_FAILONEPROVIDER skips the provider (C5), never counts as a failure', [
    work([exchange({ gal: { outcomes: ['MAPI_E_FAILONEPROVIDER'] }, mailbox: { outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] } })]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), status('a')]),
  entry('C-R8-later-session', 'C-R8: disabling is per session: a later session tries the service again', [
    work([exchange({ mailbox: { outcomes: ['MAPI_E_NETWORK_ERROR', 'MAPI_E_NETWORK_ERROR', 'S_OK'] } })]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), logoff('a'), logon('a', ['MAPI_NEW_SESSION'])]),
  entry('C-R9-session-limit', 'C-R9: a provider with session limit 1 answers MAPI_E_SESSION_LIMIT while another session has it logged on', [
    work([exchange({ mailbox: { sessionLimit: 1 } })]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), logon('b', ['MAPI_NEW_SESSION']), logoff('a'), logon('c', ['MAPI_NEW_SESSION'])]),
  entry('D-R3-query-identity', 'D-R3, T-R4: QueryIdentity picks the first row with STATUS_PRIMARY_IDENTITY that supplies an identity', [
    work([['Exchange', [ab('GAL', { identity: 'Directory user' }), store('Mailbox', { identity: 'Ann', primaryIdentity: true }), transport('Transport')]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), identity('a'), status('a')]),
  entry('D-R3-fallback', 'D-R3: without a primary identity, the first logged-on provider that supplies one; a disabled provider does not count', [
    work([['Exchange', [ab('GAL', { identity: 'Directory user', primaryIdentity: true, outcomes: ['MAPI_E_FAILONEPROVIDER'] }), store('Mailbox'), transport('Transport', { identity: 'Ann' })]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), identity('a')]),
  entry('D-R3-no-service', 'D-R3: no provider supplies an identity → MAPI_W_NO_SERVICE', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
    identity('a'),
  ]),
  entry('D-R4-logoff-order', 'D-R4: providers log off address books first, then stores, then transports, each in profile order', [
    work([['One', [transport('T1'), store('S1'), ab('AB1')]], ['Two', [store('S2'), ab('AB2')]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), logoff('a')]),
  entry('S-R1-init-count', 'S-R1: initialization is counted; at zero every call answers MAPI_E_NOT_INITIALIZED; the uninitialize that reaches zero ends every session', [work([exchange()])], [
    logon('a', ['MAPI_NEW_SESSION']),
    init,
    init,
    logon('a', ['MAPI_NEW_SESSION']),
    { op: 'uninitialize' },
    status('a'),
    { op: 'uninitialize' },
    status('a'),
    { op: 'uninitialize' },
    init,
    status('a'),
    logoff('a'),
  ]),
  entry('S-R2-logoff-shared', 'S-R2: a shared session ends with its last client, or at once with MAPI_LOGOFF_SHARED, which notifies the others; an ended session is unusable', [work([exchange()])], [
    init,
    logon('a', ['MAPI_ALLOW_OTHERS']),
    logon('b', []),
    logon('c', []),
    logoff('b'),
    logon('b', []),
    logoff('a', ['MAPI_LOGOFF_SHARED', 'MAPI_LOGOFF_UI']),
    status('c'),
    identity('b'),
    logon('d', []),
  ]),
  entry('S-R2-logoff-checks', 'S-R2: unknown logoff flag bits → MAPI_E_UNKNOWN_FLAGS and nothing changes; MAPI_LOGOFF_SHARED on an individual session is ignored', [work([exchange()])], [
    init,
    logoff('a'),
    logon('a', ['MAPI_NEW_SESSION']),
    logoff('a', 0x100),
    logoff('a', ['MAPI_LOGOFF_SHARED']),
    logoff('a'),
  ]),
  entry('S-R3-many-sessions', 'S-R3: many logons to the same profile are allowed', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
    logon('b', ['MAPI_NEW_SESSION']),
    status('b'),
  ]),
  entry('S-R4-one-session', 'S-R4: a client that holds a live session cannot log on again', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION']),
    logon('a', ['MAPI_NEW_SESSION']),
    logoff('a'),
    logon('a', ['MAPI_NEW_SESSION']),
  ]),
  entry('T-R1-status-rows', 'T-R1, T-R3: rows for the subsystem, the spooler, the integrated address book and every provider logged on now, in profile order; skipped and disabled providers have none', [
    work([exchange({ gal: { outcomes: ['MAPI_E_FAILONEPROVIDER'] } }), ['Archive', [store('Old', { outcomes: ['MAPI_E_VERSION'] })]], ['Personal Folders', [store('PST')]]]),
  ], [init, logon('a', ['MAPI_NEW_SESSION']), status('a')]),
  entry('V-R1-unknown-flags', 'V-R1: unknown flag bits → MAPI_E_UNKNOWN_FLAGS, checked before V-R2', [work([exchange()])], [
    init,
    logon('a', 0x4),
    logon('a', 0x20001 | 0x4),
    logon('a', ['MAPI_NEW_SESSION']),
  ]),
  entry('V-R2-two-ui-flags', 'V-R2: MAPI_LOGON_UI with MAPI_PASSWORD_UI → MAPI_E_INVALID_PARAMETER', [work([exchange()])], [
    init,
    logon('a', ['MAPI_LOGON_UI', 'MAPI_PASSWORD_UI']),
  ]),
  entry('V-R3-long-name', 'V-R3: a profile name longer than 64 characters → MAPI_E_INVALID_PARAMETER; 64 is fine', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION'], { profileName: 'W'.repeat(65) }),
    logon('a', ['MAPI_NEW_SESSION'], { profileName: 'W'.repeat(64) }),
  ]),
  entry('V-R4-password', 'V-R4: a password that is not NULL → MAPI_E_INVALID_PARAMETER', [work([exchange()])], [
    init,
    logon('a', ['MAPI_NEW_SESSION'], { password: 'secret' }),
    logon('a', ['MAPI_NEW_SESSION'], { password: '' }),
  ]),
];
