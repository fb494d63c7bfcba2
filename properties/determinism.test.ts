import { expect } from 'vitest';
import { test } from '@fast-check/vitest';
import { runScenario } from '../src/simulator/runScenario.js';
import { arbSession } from '../src/arbitraries/session.js';

test.prop([arbSession])('determinism: the same scenario gives the same output, twice', async (scenario) => {
  const first = await runScenario(scenario);
  const second = await runScenario(structuredClone(scenario));
  expect(second).toEqual(first);
});
