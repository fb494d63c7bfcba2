import { describe, expect, it } from 'vitest';
import { ab, last, logon, profile, service, steps } from './helpers/scenario.js';

type Extra = Parameters<typeof ab>[1];

/** One address book provider "P" in service "S" of profile "Work"; returns its B paths. */
async function providerPaths(extra: Extra, ui: boolean, providerConfig: string[] = []) {
  const r = await last(
    [profile('Work', [service('S', ab('P', extra))])],
    logon('c', {
      profileName: 'Work',
      flags: ui ? ['MAPI_LOGON_UI'] : [],
      answers: { providerConfig: providerConfig as never },
    }),
  );
  return r.services[0]!.providers[0]!.paths;
}

interface EdgeCase {
  edge: string;
  from: string;
  to: string;
  extra: Extra;
  ui: boolean;
  answers?: string[];
}

// One provider set-up per drawn edge of flowchart B (SPEC section 4).
const cases: EdgeCase[] = [
  { edge: 'B1→B2', from: 'B1', to: 'B2', extra: {}, ui: false },
  { edge: 'B2 yes→B3', from: 'B2', to: 'B3', extra: {}, ui: false },
  { edge: 'B3→B4', from: 'B3', to: 'B4', extra: {}, ui: false },
  { edge: 'B4 yes→B5', from: 'B4', to: 'B5', extra: {}, ui: false },
  { edge: 'B4 no→B6', from: 'B4', to: 'B6', extra: { configured: false }, ui: false },
  { edge: 'B6 no→B7', from: 'B6', to: 'B7', extra: { configured: false }, ui: false },
  { edge: 'B6 yes→B8', from: 'B6', to: 'B8', extra: { configured: false }, ui: true, answers: ['complete'] },
  { edge: 'B8→B9', from: 'B8', to: 'B9', extra: { configured: false }, ui: true, answers: ['complete'] },
  { edge: 'B9 yes→B10', from: 'B9', to: 'B10', extra: { configured: false }, ui: true, answers: ['complete'] },
  { edge: 'B9 no→B11', from: 'B9', to: 'B11', extra: { configured: false }, ui: true, answers: ['incomplete'] },
  { edge: 'B11 no→B12', from: 'B11', to: 'B12', extra: { configured: false }, ui: true, answers: ['incomplete'] },
  { edge: 'B11 yes→B13', from: 'B11', to: 'B13', extra: { configured: false }, ui: true, answers: ['cancel'] },
  { edge: 'B13 yes→B14', from: 'B13', to: 'B14', extra: { configured: false }, ui: true, answers: ['cancel'] },
  { edge: 'B13 no→B8', from: 'B13', to: 'B8', extra: { configured: false }, ui: true, answers: ['accidental-cancel', 'complete'] },
];

describe('flowchart B: every drawn edge is taken', () => {
  it.each(cases)('$edge', async ({ from, to, extra, ui, answers }) => {
    const [first] = await providerPaths(extra, ui, answers);
    expect(steps(first!, from, to), first!.join(' ')).toBe(true);
  });
});

describe('flowchart B: the ends and the answers of B-R3', () => {
  it('B5: a configured provider logs on without a dialog', async () => {
    expect(await providerPaths({}, true)).toEqual([['B1', 'B2', 'B3', 'B4', 'B5']]);
  });

  it('B7: unconfigured without UI answers MAPI_E_UNCONFIGURED', async () => {
    const [first] = await providerPaths({ configured: false }, false);
    expect(first).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B7']);
  });

  it('B-R3 complete → B10; incomplete → B12; cancel → B14; accidental-cancel prompts again', async () => {
    expect((await providerPaths({ configured: false }, true, ['complete']))[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B10']);
    expect((await providerPaths({ configured: false }, true, ['incomplete']))[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B11', 'B12']);
    expect((await providerPaths({ configured: false }, true, ['cancel']))[0]).toEqual(['B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B11', 'B13', 'B14']);
    expect((await providerPaths({ configured: false }, true, ['accidental-cancel', 'complete']))[0]).toEqual([
      'B1', 'B2', 'B3', 'B4', 'B6', 'B8', 'B9', 'B11', 'B13', 'B8', 'B9', 'B10',
    ]);
  });

  it('B-R1: a provider that stores no configuration goes from B2 to B6', async () => {
    const [first] = await providerPaths({ storesConfig: false }, false);
    expect(first).toEqual(['B1', 'B2', 'B6', 'B7']);
  });

  it('B-R2: B6 is "UI allowed" — MAPI_LOGON_UI', async () => {
    expect((await providerPaths({ configured: false }, false))[0]).toContain('B7');
    expect((await providerPaths({ configured: false }, true, ['complete']))[0]).toContain('B8');
  });

  it('B-R3: complete configures the provider for later sessions too', async () => {
    const P = [profile('Work', [service('S', ab('P', { configured: false }))])];
    const r = await last(
      P,
      logon('a', { profileName: 'Work', flags: ['MAPI_LOGON_UI'], answers: { providerConfig: ['complete'] } }),
      { op: 'logoff', client: 'a' },
      logon('b', { profileName: 'Work' }),
    );
    expect(r.services[0]!.providers[0]).toMatchObject({ state: 'loggedOn', paths: [['B1', 'B2', 'B3', 'B4', 'B5']] });
  });

  it('B-R4: past B5 the scripted outcome replaces S_OK', async () => {
    const [first] = await providerPaths({ outcomes: ['MAPI_E_NETWORK_ERROR', 'S_OK'] }, false);
    const r = await last([profile('Work', [service('S', ab('P', { outcomes: ['MAPI_E_VERSION', 'MAPI_E_VERSION'] }))])], logon('c', { profileName: 'Work' }));
    expect(first).toEqual(['B1', 'B2', 'B3', 'B4', 'B5']);
    expect(r.services[0]!.providers[0]).toMatchObject({ hr: 'MAPI_E_VERSION', attempts: 2, state: 'disabled' });
  });
});
