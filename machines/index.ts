export {
  sessionLogonMachine,
  serviceSchedule,
  type SessionLogonContext,
  type SessionLogonInput,
  type SessionLogonOutput,
  type ServiceStep,
} from './sessionLogon.js';
export {
  messageServiceMachine,
  type MessageServiceContext,
  type ProviderSlot,
  type MessageServiceEvent,
  type MessageServiceInput,
  type MessageServiceOutput,
  type ServiceReadyEvent,
} from './messageService.js';
export {
  providerLogonMachine,
  type ProviderLogonInput,
  type ProviderLogonMachineContext,
  type ProviderLogonOutput,
} from './providerLogon.js';
export { NODES, nodeMeta, type NodeInfo, type NodeShape } from './nodes.js';
export * from './types.js';
