import { describe, expect, it } from 'vitest';
import { createMapiSubsystem, type ProviderLogonContext } from '../src/subsystem/createMapiSubsystem.js';
import { work } from './helpers/scenario.js';

// Tests written to kill the mutants Stryker found alive in src/subsystem (issue 14): the options'
// checks and what a provider callback is told.

describe('C-R10, M-R2: the timeouts are milliseconds from 0 to 2^31 - 1', () => {
  const names = ['shortTimeoutMs', 'providerTimeoutMs', 'dialogTimeoutMs'] as const;

  it.each(names)('C-R10, M-R2: %s accepts 0 and 2147483647 (the largest setTimeout delay)', (name) => {
    for (const ms of [0, 2_147_483_647]) expect(() => createMapiSubsystem({ profiles: [work()], [name]: ms })).not.toThrow();
  });

  it.each(names)('C-R10, M-R2: %s refuses a negative, a too large, an infinite or a NaN value, naming itself', (name) => {
    for (const ms of [-1, 2_147_483_648, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => createMapiSubsystem({ profiles: [work()], [name]: ms })).toThrow(
        new TypeError(`createMapiSubsystem: ${name} must be a number of milliseconds from 0 to 2147483647, got ${String(ms)}`),
      );
    }
  });

  it('the interpreter is reported; xstate, asked for or by default, has no fallback', () => {
    for (const options of [{}, { interpreter: 'xstate' as const }]) {
      const subsystem = createMapiSubsystem({ profiles: [work()], ...options });
      expect(subsystem.interpreter).toBe('xstate');
      expect(subsystem.interpreterFallback).toBeNull();
    }
  });

  it('a bad profile list is refused with a TypeError naming the field', () => {
    expect(() => createMapiSubsystem({ profiles: [{ name: 'Work' } as never] })).toThrow(/^createMapiSubsystem: profiles\[0\]/);
  });
});

describe('C-R4, D-R1: what a provider is told of a logon attempt', () => {
  it('C-R4, D-R1: inside MAPILogonEx no session, phase logon; in the spooler start its session, phase spooler; flags as the logon allows', async () => {
    const seen: ProviderLogonContext[] = [];
    const subsystem = createMapiSubsystem({
      profiles: [work()],
      providerLogon: (ctx) => {
        seen.push(ctx);
        return 'S_OK';
      },
    });
    await subsystem.initialize();
    const r = await subsystem.logonEx({ client: 'c', profileName: 'Work' });
    await r.spoolerStart;
    // No UI allowed (no MAPI_LOGON_UI): every provider gets its NO_DIALOG flag (1 for all three kinds).
    const base = { profile: 'Work', service: 'Exchange', attempt: 1, uiAllowed: false, noDialogFlag: 1, logonFlags: 1 };
    expect(seen).toEqual([
      { ...base, session: null, phase: 'logon', provider: 'GAL', kind: 'addressBook' },
      { ...base, session: null, phase: 'logon', provider: 'Mailbox', kind: 'store' },
      { ...base, session: 's1', phase: 'spooler', provider: 'Transport', kind: 'transport' },
    ]);
  });
});
