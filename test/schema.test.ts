import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { scenarioJsonSchema } from '../src/schema/jsonSchema.js';

const root = join(import.meta.dirname, '..');

it('scenario.schema.json is the one the validator generates (npm run schema)', () => {
  expect(JSON.parse(readFileSync(join(root, 'scenario.schema.json'), 'utf8'))).toEqual(scenarioJsonSchema());
});

it('the schema names the closed vocabularies: ops, kinds, flags, HRESULTs, answers', () => {
  const text = JSON.stringify(scenarioJsonSchema());
  for (const word of ['statusTable', 'addressBook', 'MAPI_NO_MAIL', 'MAPI_LOGOFF_SHARED', 'MAPI_E_FAILONEPROVIDER', 'accidental-cancel']) expect(text).toContain(word);
});
