import { formatIssue } from './formatIssue.js';
import { scenarioSchema, type Scenario } from './scenario.js';

/** V-R5: a malformed scenario. The message names the field; nothing has run. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario given as a value (already parsed JSON). */
export function parseScenario(value: unknown): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) throw new ScenarioError(formatIssue(result.error));
  return result.data;
}

/** Validates a scenario given as JSON text. */
export function parseScenarioText(text: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`not JSON: ${(error as Error).message.replace(/\s+/g, " ")}`);
  }
  return parseScenario(value);
}
