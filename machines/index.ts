export {
  sessionLogonMachine,
  serviceRunInput,
  transportsInLogon,
  sameProfileName,
  profileNamed,
  type SessionLogonContext,
  type SessionLogonInput,
  type SessionLogonOutput,
} from './sessionLogon.js';
export {
  messageServiceMachine,
  logoffOrder,
  serviceRecord,
  type MessageServiceContext,
  type MessageServiceInput,
  type MessageServiceOutput,
} from './messageService.js';
export {
  providerLogonMachine,
  type ProviderLogonInput,
  type ProviderLogonMachineContext,
  type ProviderLogonOutput,
} from './providerLogon.js';
export {
  sessionMachine,
  queryIdentity,
  loggedOnProviders,
  type SessionClient,
  type SessionContext,
  type SessionEvent,
  type SessionIdentity,
  type SessionInput,
  type SessionOutput,
  type SpoolerStart,
} from './session.js';
export { NODES, nodeMeta, appendVisit, visit, type NodeInfo, type NodeShape } from './nodes.js';
export * from './types.js';
export * from './constants/flags.js';
export * from './constants/hresults.js';
export * from './constants/status.js';
