import { fromPromise } from 'xstate';
import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
import { sessionLogonMachine } from '../../machines/sessionLogon.js';
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

/** Every effect of a logon: the dialogs, the credential check and the provider's own answer. */
export interface LogonEffects {
  profilePicker(input: ProfilePickerInput): Promise<ProfilePickerAnswer>;
  password(input: PasswordInput): Promise<PasswordAnswer>;
  validateCredentials(input: CredentialsInput): Promise<CredentialCheck>;
  serviceConfig(input: ServiceConfigInput): Promise<ServiceConfigAnswer>;
  retry(input: RetryInput): Promise<RetryAnswer>;
  providerConfig(input: ProviderConfigInput): Promise<ProviderConfigAnswer>;
  /** The provider's Logon / TransportLogon, once flowchart B has passed. */
  logon(input: ProviderCallInput): Promise<unknown>;
}

/**
 * `.provide()` does not reach into child machines, so the three machines are provided from the
 * inside out: providers into the service, the service into the session.
 */
export function provideMachines(effects: LogonEffects) {
  const provider = providerLogonMachine.provide({
    actors: {
      providerConfig: fromPromise(({ input }) => effects.providerConfig(input)),
      logon: fromPromise(({ input }) => effects.logon(input)),
    },
  });
  const service = messageServiceMachine.provide({
    actors: {
      providerLogon: provider,
      serviceConfig: fromPromise(({ input }) => effects.serviceConfig(input)),
      retry: fromPromise(({ input }) => effects.retry(input)),
    },
  });
  return sessionLogonMachine.provide({
    actors: {
      messageService: service,
      profilePicker: fromPromise(({ input }) => effects.profilePicker(input)),
      password: fromPromise(({ input }) => effects.password(input)),
      validateCredentials: fromPromise(({ input }) => effects.validateCredentials(input)),
    },
  });
}
