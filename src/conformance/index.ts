// 'mapi-logon-fsm/conformance': the in-process checker (fast-check, an optional peer), the
// arbitraries it draws from, and the conformance kit (coverage, the generated suite, the
// external runner of docs/conformance.md).
export {
  checkConformance,
  compareOnScenario,
  type ConformanceOptions,
  type ConformanceReport,
  type Divergence,
  type SubsystemFactory,
} from './checkConformance.js';
export { firstDifference } from './diff.js';
export * from '../arbitraries/logon.js';
export * from '../arbitraries/profiles.js';
export * from '../arbitraries/session.js';
export type * from '../arbitraries/types.js';
export {
  buildUniverse,
  specRuleIds,
  type CoverageEdge,
  type EdgeKind,
  type Universe,
} from './universe.js';
export {
  formatCoverage,
  runWithCoverage,
  summarize,
  UNREACHABLE_EDGES,
  UNREACHABLE_RULES,
  type CoverageReport,
  type CoverageSource,
  type ScenarioRun,
  type Tally,
} from './coverage.js';
export { generateSuite, writeSuite, type Suite, type SuiteCase } from './suite.js';
export {
  casesFromFiles,
  casesFromSuite,
  conform,
  firstDivergence,
  formatConformReport,
  type CallDivergence,
  type ConformCase,
  type ConformOptions,
  type ConformReport,
  type ImplementationFailure,
  type RuleDivergence,
} from './conform.js';
export { attributeCall, type Attribution } from './attribute.js';
export { ExternalImplementation, type ImplAnswer } from './external.js';
export { loadScenarios, scenarioFiles, LoadError, type LoadedScenario } from './loadScenarios.js';
