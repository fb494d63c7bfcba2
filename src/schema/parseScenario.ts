import { oneLine } from './excerpt.js';
import { formatIssue } from './formatIssue.js';
import { syntaxErrorAt } from './jsonSyntax.js';
import { checkTextDepth, checkValueDepth, position } from './nesting.js';
import { scenarioSchema, type Scenario } from './scenario.js';

/** V-R5, V-R6: a malformed scenario. The message names the field, on one short line; nothing has run. */
export class ScenarioError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = 'ScenarioError';
  }
}

/** Validates a scenario given as a value (already parsed JSON). */
export function parseScenario(value: unknown): Scenario {
  const tooDeep = checkValueDepth(value);
  if (tooDeep) throw new ScenarioError(tooDeep);
  const result = scenarioSchema.safeParse(value);
  if (!result.success) throw new ScenarioError(formatIssue(result.error));
  return result.data;
}

const BOM = '\ufeff';

/** V8's JSON.parse message without its raw excerpt of the text, with a line and column when it gives an offset. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /\s*in JSON at position (\d+)/.exec(message);
  // V8 quotes the text around the error (`, ..."abc"... is not valid JSON`): never echoed.
  const what = message
    .replace(/, (?:\.\.\.)?".*$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/^Unexpected/, 'unexpected')
    .replace(/^Expected/, 'expected')
    .replace(/^Bad/, 'bad')
    .replace(/^Unterminated/, 'unterminated');
  const offset = at ? Number(at[1]) : syntaxErrorAt(text);
  return offset >= 0 ? `${what} ${position(text, offset)}` : what;
}

/**
 * Validates a scenario given as JSON text. A leading byte-order mark is skipped (editors write
 * one); text nested deeper than a scenario can be is refused before it is parsed (V-R6).
 */
export function parseScenarioText(text: string): Scenario {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  if (body.trim() === '') throw new ScenarioError('empty file (expected a scenario: a JSON object with "profiles" and "calls")');
  const tooDeep = checkTextDepth(body);
  if (tooDeep) throw new ScenarioError(`not a scenario: ${tooDeep}`);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new ScenarioError(`not JSON: ${jsonProblem(body, error)}`);
  }
  return parseScenario(value);
}
