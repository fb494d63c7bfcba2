// Rewrites the golden outputs from the current machines: `npm run golden:update`.
// Read the diff before committing it: a golden file is a claim about what MAPI does.
import { writeFileSync } from 'node:fs';
import { runScenario } from '../../src/simulator/runScenario.js';
import { exampleScenarios, goldenPath } from '../golden/examples.js';

for (const { name, scenario } of exampleScenarios()) {
  writeFileSync(goldenPath(name), JSON.stringify(await runScenario(scenario), null, 2) + '\n');
  console.log(`wrote ${goldenPath(name)}`);
}
