import { describe, expect, it } from 'vitest';
import { parseScenario } from '../src/schema/parseScenario.js';
import { runScenario, traceScenario } from '../src/simulator/runScenario.js';
import { scriptedDialogs } from '../src/simulator/scriptedEffects.js';
import { init, logon, profile, run, service, store, transport, work, type CallIn, type LogoffCallResult } from './helpers/scenario.js';

// The simulator's own contract (SPEC section 8 and its run options), where the rules tests, which
// read only `results`, do not look (mutation testing found these parts unchecked).
describe('SPEC 8: the simulator', () => {
  it('SPEC 8: a provider with an empty outcomes list answers S_OK, as one without outcomes', async () => {
    const results = await run([profile('Work', [service('S', store('M', { outcomes: [] }), store('N'))])], [init, logon('c', { profileName: 'Work' })]);
    const r = results[1] as { hr: string; services: { providers: { hrs: string[] }[] }[] };
    expect(r.hr).toBe('S_OK');
    expect(r.services[0]!.providers.map((p) => p.hrs)).toEqual([['S_OK'], ['S_OK']]);
  });

  it('SPEC 8, S-R2: a logoff by a client that holds no session ends nothing, logs nobody off, notifies nobody', async () => {
    const results = await run([work()], [init, { op: 'logoff', client: 'nobody' }]);
    expect(results[1] as LogoffCallResult).toEqual({
      op: 'logoff', client: 'nobody', hr: 'MAPI_E_INVALID_OBJECT', hrValue: 0x80040108, session: null, ended: false, loggedOff: [], notified: [],
    });
  });

  it('SPEC 8: the trace gives each logon the dialogs it showed with their answers, and every other call none', async () => {
    const calls: CallIn[] = [
      init,
      logon('c', { profileName: 'Work', flags: ['MAPI_LOGON_UI'], answers: { retry: ['cancel'] } }),
      { op: 'statusTable', client: 'c' },
      { op: 'queryIdentity', client: 'c' },
      { op: 'logoff', client: 'c' },
      { op: 'uninitialize' },
    ];
    const profiles = [profile('Work', [service('Exchange', store('Mailbox'), transport('T', { outcomes: ['MAPI_E_NETWORK_ERROR'] }))], { default: true })];
    const steps = await traceScenario(parseScenario({ profiles, calls }));
    expect(steps.map((s) => s.call.op)).toEqual(['initialize', 'logon', 'statusTable', 'queryIdentity', 'logoff', 'uninitialize']);
    // C-R4, C6: the transport's first failure offers the retry, which the script declines.
    expect(steps[1]!.dialogs).toEqual([{ kind: 'retry', answer: 'cancel' }]);
    for (const i of [0, 2, 3, 4, 5]) expect(steps[i]!.dialogs, steps[i]!.call.op).toEqual([]);
  });

  it('run options: providerLogon wraps the scripted providers; its answer is the provider\'s', async () => {
    const profiles = [profile('Work', [service('S', store('M'), store('N', { outcomes: ['MAPI_W_ERRORS_RETURNED'] }))], { default: true })];
    const { results } = await runScenario(
      { profiles, calls: [init, logon('c', { profileName: 'Work' })] },
      { providerLogon: (ctx, scripted) => (ctx.provider === 'M' ? 'MAPI_E_FAILONEPROVIDER' : scripted(ctx)) },
    );
    const r = results[1] as { services: { providers: { hr: string }[] }[] };
    expect(r.services[0]!.providers.map((p) => p.hr)).toEqual(['MAPI_E_FAILONEPROVIDER', 'MAPI_W_ERRORS_RETURNED']);
  });

  it('run options: onCall sees the subsystem before and after each call, in order', async () => {
    const seen: string[] = [];
    await runScenario(
      { profiles: [work()], calls: [init, { op: 'uninitialize' }] },
      { onCall: (phase, call, subsystem) => seen.push(`${phase} ${call.op} ${subsystem.state().initCount}`) },
    );
    expect(seen).toEqual(['before initialize 0', 'after initialize 1', 'before uninitialize 1', 'after uninitialize 0']);
  });

  it('SPEC 8: a dialog with no answer left is cancelled, also for a kind the logon gave no list', () => {
    const script = scriptedDialogs();
    script.load({ retry: ['retry'] });
    expect(script.dialogs.retry!({} as never, {} as never)).toBe('retry');
    expect(script.dialogs.retry!({} as never, {} as never)).toBe('cancel');
    expect(script.dialogs.serviceConfig!({} as never, {} as never)).toBe('cancel');
  });
});
