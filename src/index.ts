// The package root: the subsystem, the simulator and the scenario schema (loads xstate and zod).
// The conformance checker and the arbitraries (fast-check) are at 'mapi-logon-fsm/conformance',
// the bare machines at 'mapi-logon-fsm/machines', the compiled batch engine at 'mapi-logon-fsm/compiled'.
export * from './constants/index.js';
export {
  createMapiSubsystem,
  type DialogShown,
  type HResultReply,
  type LogoffReply,
  type LogonParams,
  type LogonResult,
  type MapiDialogs,
  type MapiSession,
  type MapiSubsystem,
  type MapiSubsystemOptions,
  type MapiSubsystemState,
  type ProviderLogonContext,
  type StatusTableReply,
} from './subsystem/createMapiSubsystem.js';
export type { StatusRow } from './subsystem/statusTable.js';
export { runScenario, traceScenario, type ScenarioOutput, type CallResult, type TraceStep } from './simulator/runScenario.js';
export { parseScenario, parseScenarioText, ScenarioError } from './schema/parseScenario.js';
export { scenarioSchema, type Scenario, type ScenarioInput } from './schema/scenario.js';
export { flowchartEdges, flowchartNodes, edgeName } from './graph/flowchart.js';
export type { FlowEdge, FlowNode } from './graph/types.js';
export { scenarioJsonSchema } from './schema/jsonSchema.js';
export { toMermaid, toDot } from './graph/diagram.js';
