import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/simulator/runScenario.js';
import { exampleScenarios, goldenPath } from './golden/examples.js';

const examples = exampleScenarios();

describe('golden: every example scenario gives its recorded output', () => {
  it('there are at least 8 examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
  });

  it.each(examples.flatMap((e) => (['compiled', 'xstate'] as const).map((interpreter) => ({ ...e, interpreter }))))(
    '$name ($interpreter)',
    async ({ name, scenario, interpreter }) => {
      expect(existsSync(goldenPath(name)), `no golden output for ${name}: run npm run golden:update and review it`).toBe(true);
      expect(await runScenario(scenario, { interpreter })).toEqual(JSON.parse(readFileSync(goldenPath(name), 'utf8')));
    },
  );
});
