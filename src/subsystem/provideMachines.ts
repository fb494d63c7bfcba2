import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
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
  RetryAnswer,
  RetryInput,
  ServiceConfigAnswer,
  ServiceConfigInput,
} from '../../machines/types.js';

type Awaitable<T> = T | PromiseLike<T>;

/** Every effect of a logon: the dialogs, the credential check and the provider's own answer. */
export interface LogonEffects {
  profilePicker(input: ProfilePickerInput): Awaitable<ProfilePickerAnswer>;
  password(input: PasswordInput): Awaitable<PasswordAnswer>;
  validateCredentials(input: CredentialsInput): Awaitable<CredentialCheck>;
  serviceConfig(input: ServiceConfigInput): Awaitable<ServiceConfigAnswer>;
  retry(input: RetryInput): Awaitable<RetryAnswer>;
  providerConfig(input: ProviderConfigInput): Awaitable<ProviderConfigAnswer>;
  /** The provider's Logon / TransportLogon, once flowchart B has passed. */
  logon(input: ProviderCallInput): Awaitable<unknown>;
}

/**
 * `.provide()` does not reach into child machines, so the three machines are provided from the
 * inside out: providers into the service, the service into the session.
 */
export function provideMachines(effects: LogonEffects) {
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
  });
  return sessionLogonMachine.provide({
    actors: {
      messageService: service,
      profilePicker: fromEffect(effects.profilePicker),
      password: fromEffect(effects.password),
      validateCredentials: fromEffect(effects.validateCredentials),
    },
  });
}
