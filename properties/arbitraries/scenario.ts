import fc from 'fast-check';
import { arbFault, arbProfiles, type Fault } from '../../src/arbitraries/profiles.js';
import { arbLogon } from '../../src/arbitraries/logon.js';
import type { CallInput, LogonInput, ProfileInput } from '../../src/arbitraries/types.js';

export interface LogonScenario {
  profiles: ProfileInput[];
  /** initialize, maybe a logon that makes a shared session, then `logon`. */
  calls: CallInput[];
  logon: LogonInput;
  faults: Record<string, Fault>;
}

const providerNames = (profiles: ProfileInput[]) => profiles.flatMap((p) => p.services.flatMap((s) => s.providers.map((x) => x.name)));

/** One logon under test, after initialize and (sometimes) a first client's shared session. */
export const arbLogonScenario = (options: { faults?: boolean; logon?: typeof arbLogon } = {}): fc.Arbitrary<LogonScenario> =>
  arbProfiles.chain((profiles) =>
    fc
      .record({
        // A shared session in a fifth of the runs: joins are tested, and most logons still reach the services.
        shared: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        logon: (options.logon ?? arbLogon)('client', profiles),
        faults: options.faults
          ? fc.tuple(...providerNames(profiles).map((n) => arbFault.map((f) => [n, f] as const))).map((e) => Object.fromEntries(e))
          : fc.constant({}),
      })
      .map(({ shared, logon, faults }) => {
        const owner: LogonInput = {
          op: 'logon',
          client: 'owner',
          profileName: profiles[0]!.name,
          password: null,
          flags: ['MAPI_ALLOW_OTHERS'],
        };
        return { profiles, logon, faults, calls: [{ op: 'initialize' }, ...(shared ? [owner] : []), logon] };
      }),
  );
