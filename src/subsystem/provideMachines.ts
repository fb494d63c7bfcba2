import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
import { sessionMachine } from '../../machines/session.js';
import { sessionLogonMachine } from '../../machines/sessionLogon.js';
import { fromEffect } from './fromEffect.js';
import type {
  CredentialCheck,
  CredentialsInput,
  PasswordAnswer,
  PasswordInput,
  ProfilePickerAnswer,
  ProfilePickerInput,
  ProviderCallInput,
  ProviderConfigAnswer,
  ProviderConfigInput,
  ProviderLogoffInput,
  RetryAnswer,
  RetryInput,
  ServiceConfigAnswer,
  ServiceConfigInput,
} from '../../machines/types.js';
import type { Awaitable } from './types.js';

/** Every effect of a session: the dialogs, the credential check, the provider's own answer and its logoff. */
export interface LogonEffects {
  profilePicker(input: ProfilePickerInput): Awaitable<ProfilePickerAnswer>;
  password(input: PasswordInput): Awaitable<PasswordAnswer>;
  validateCredentials(input: CredentialsInput): Awaitable<CredentialCheck>;
  serviceConfig(input: ServiceConfigInput): Awaitable<ServiceConfigAnswer>;
  retry(input: RetryInput): Awaitable<RetryAnswer>;
  providerConfig(input: ProviderConfigInput): Awaitable<ProviderConfigAnswer>;
  /** The provider's Logon / TransportLogon, once flowchart B has passed. */
  logon(input: ProviderCallInput): Awaitable<unknown>;
  /** D-R4, C-R6: the providers log off, in order. */
  logoff(providers: ProviderLogoffInput[]): void;
}

/**
 * `.provide()` does not reach into child machines, so the machines are provided from the inside
 * out: providers into the service, the service into the logon and into the live session.
 */
export function provideMachines(effects: LogonEffects) {
  const logoffProviders = (_: unknown, params: { providers: ProviderLogoffInput[] }) => effects.logoff(params.providers);
  const provider = providerLogonMachine.provide({
    actors: {
      providerConfig: fromEffect(effects.providerConfig),
      logon: fromEffect(effects.logon),
    },
  });
  const service = messageServiceMachine.provide({
    actors: {
      providerLogon: provider,
      serviceConfig: fromEffect(effects.serviceConfig),
      retry: fromEffect(effects.retry),
    },
    actions: { logoffProviders },
  });
  const logon = sessionLogonMachine.provide({
    actors: {
      messageService: service,
      profilePicker: fromEffect(effects.profilePicker),
      password: fromEffect(effects.password),
      validateCredentials: fromEffect(effects.validateCredentials),
    },
  });
  const session = sessionMachine.provide({
    actors: { messageService: service },
    actions: { logoffProviders },
  });
  return { logon, session };
}
