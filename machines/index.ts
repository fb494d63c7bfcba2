export { sessionLogonMachine, serviceSchedule, type SessionLogonInput, type SessionLogonOutput } from './sessionLogon.js';
export {
  messageServiceMachine,
  type MessageServiceEvent,
  type MessageServiceInput,
  type MessageServiceOutput,
  type ServiceReadyEvent,
} from './messageService.js';
export { providerLogonMachine, type ProviderLogonInput, type ProviderLogonOutput } from './providerLogon.js';
export { NODES, nodeMeta, type NodeInfo, type NodeShape } from './nodes.js';
export * from './types.js';
