import { z } from 'zod';
import { scenarioSchema } from './scenario.js';

/**
 * The JSON Schema of a scenario file, generated from the validator the CLI uses, so editors can
 * check scenario files (`"$schema": "node_modules/mapi-logon-fsm/scenario.schema.json"`). Rules a
 * schema cannot say (at most one default profile, picker answers naming profiles) stay the CLI's.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://github.com/mapi-logon-fsm/mapi-logon-fsm/scenario.schema.json',
    title: 'MAPI logon scenario (mapi-logon-fsm, SPEC section 8)',
  };
}
