import { runScenario, type CallResult, type LogonCallResult, type StatusTableCallResult, type LogoffCallResult } from '../../src/simulator/runScenario.js';
import type { ScenarioInput } from '../../src/schema/scenario.js';

type ProfileIn = ScenarioInput['profiles'][number];
type ServiceIn = ProfileIn['services'][number];
type ProviderIn = ServiceIn['providers'][number];
type CallIn = ScenarioInput['calls'][number];
type LogonIn = Extract<CallIn, { op: 'logon' }>;

export const ab = (name: string, extra: Partial<ProviderIn> = {}): ProviderIn => ({ name, kind: 'addressBook', ...extra });
export const store = (name: string, extra: Partial<ProviderIn> = {}): ProviderIn => ({ name, kind: 'store', ...extra });
export const transport = (name: string, extra: Partial<ProviderIn> = {}): ProviderIn => ({ name, kind: 'transport', ...extra });
export const service = (name: string, ...providers: ProviderIn[]): ServiceIn => ({ name, providers });
export const profile = (name: string, services: ServiceIn[], extra: Partial<ProfileIn> = {}): ProfileIn => ({
  name,
  credentials: 'valid',
  services,
  ...extra,
});

/** A one-service profile "Work" (default) with an address book, a store and a transport. */
export const work = (extra: Partial<ProfileIn> = {}) =>
  profile('Work', [service('Exchange', ab('GAL'), store('Mailbox'), transport('Transport'))], { default: true, ...extra });

export const logon = (client: string, rest: Partial<LogonIn> = {}): LogonIn => ({ op: 'logon', client, ...rest });
export const init: CallIn = { op: 'initialize' };

export async function run(profiles: ProfileIn[], calls: CallIn[]): Promise<CallResult[]> {
  return (await runScenario({ profiles, calls })).results;
}

/** Initializes, runs the calls, and returns the last result. */
export async function last<T extends CallResult = LogonCallResult>(profiles: ProfileIn[], ...calls: CallIn[]): Promise<T> {
  const results = await run(profiles, [init, ...calls]);
  return results[results.length - 1] as T;
}

export type { LogonCallResult, StatusTableCallResult, LogoffCallResult, CallIn, ProfileIn };

/** Whether `path` visits `a` immediately followed by `b`. */
export const steps = (path: string[], a: string, b: string) => path.some((id, i) => id === a && path[i + 1] === b);
