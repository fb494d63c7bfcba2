import type { ScenarioInput } from '../schema/scenario.js';

export type ProfileInput = ScenarioInput['profiles'][number];
export type ServiceInput = ProfileInput['services'][number];
export type ProviderInput = ServiceInput['providers'][number];
export type CallInput = ScenarioInput['calls'][number];
export type LogonInput = Extract<CallInput, { op: 'logon' }>;
export type AnswersInput = NonNullable<LogonInput['answers']>;
