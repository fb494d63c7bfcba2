import type { AnyStateMachine } from 'xstate';
import { messageServiceMachine } from '../../machines/messageService.js';
import { providerLogonMachine } from '../../machines/providerLogon.js';
import { sessionLogonMachine } from '../../machines/sessionLogon.js';

/** The three machines by name, in the order a logon runs through them. */
export const MACHINES_BY_NAME: Record<string, AnyStateMachine> = {
  sessionLogon: sessionLogonMachine,
  messageService: messageServiceMachine,
  providerLogon: providerLogonMachine,
};
