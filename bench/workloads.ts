import type { ScenarioInput } from '../src/schema/scenario.js';

type Profile = ScenarioInput['profiles'][number];
const KINDS = ['addressBook', 'store', 'transport'] as const;

/** Profile "Work": `services` services of `providers` providers each, every one answering S_OK. */
export function logonProfiles(services: number, providers: number): Profile[] {
  return [
    {
      name: 'Work',
      default: true,
      credentials: 'valid',
      services: Array.from({ length: services }, (_, s) => ({
        name: `S${s + 1}`,
        providers: Array.from({ length: providers }, (_, p) => ({ name: `S${s + 1}P${p + 1}`, kind: KINDS[p % 3]! })),
      })),
    },
  ];
}

/**
 * A scenario of `calls` calls: eight clients logging on (new, shared and joined sessions),
 * reading status tables and logging off in turn, over one profile of one service × three
 * providers, one of which fails now and then.
 */
export function simulatorScenario(calls: number): ScenarioInput {
  const out: ScenarioInput['calls'] = [{ op: 'initialize' }];
  const flags = [['MAPI_NEW_SESSION'], ['MAPI_ALLOW_OTHERS'], [], ['MAPI_LOGON_UI', 'MAPI_USE_DEFAULT']] as const;
  for (let i = 0; out.length < calls; i++) {
    const client = `c${i % 8}`;
    out.push({ op: 'logon', client, profileName: i % 4 === 3 ? null : 'Work', password: null, flags: [...flags[i % 4]!], answers: { retry: ['retry'] } });
    if (out.length < calls) out.push({ op: 'statusTable', client });
    if (out.length < calls) out.push({ op: 'logoff', client, flags: i % 5 === 0 ? ['MAPI_LOGOFF_SHARED'] : [] });
  }
  const profiles = logonProfiles(1, 3);
  profiles[0]!.services[0]!.providers[2]!.outcomes = ['S_OK', 'S_OK', 'MAPI_E_NETWORK_ERROR', 'S_OK'];
  return { profiles, calls: out.slice(0, calls) };
}
