import type { Command } from 'commander';
import { registerConform } from './conform.js';
import { registerCoverage } from './coverage.js';
import { registerSuite } from './suite.js';

/** The conformance kit's commands: coverage, suite, conform (docs/conformance.md). */
export function registerConformanceKit(program: Command): void {
  registerCoverage(program);
  registerSuite(program);
  registerConform(program);
}
