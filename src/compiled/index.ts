export { compileMachine } from './compileMachine.js';
export { UnsupportedMachineError } from './unsupported.js';
export { initialStep, transitionStep } from './macrostep.js';
export { LeanActor, runCompiled } from './leanActor.js';
export { availabilityFor, compiledEngineAvailable, UnverifiedXstateError, VERIFIED_XSTATE_VERSIONS, type Availability } from './adapter.js';
export type { CompiledMachine, CompiledNode, CompiledSnapshot, CompiledTransition, Effect, Step } from './types.js';
