import { expect, it } from 'vitest';
import { checkFlowchartA } from './exhaustive/checkFlowchartA.js';
import { CASES_PER_FLAG_COMBINATION, everyNthFlagCombination, TOTAL_CASES } from './exhaustive/flowchartACases.js';

// xstate's own interpreter is ~3× slower here than the compiled one, which runs the full space in
// the default suite (exhaustive.flowchart-A.compiled.test.ts). By default this file checks a fixed
// sample, every 16th flag combination with all the rest of each case; `npm run test:deep`
// (MAPI_DEEP=1) runs the full space here too.
const deep = Boolean(process.env.MAPI_DEEP);
const flags = deep ? undefined : everyNthFlagCombination(16);

it(`A1-A15 ${deep ? 'exhaustively' : 'on every 16th flag combination'} (xstate): every flag combination × profile name × shared × default × credentials × answer matches flowchart A`, () => {
  const { checked, mismatches, first } = checkFlowchartA('xstate', flags);
  expect(first).toBeUndefined();
  expect(mismatches).toBe(0);
  expect(checked).toBe(flags ? flags.length * CASES_PER_FLAG_COMBINATION : TOTAL_CASES);
}, deep ? 3_600_000 : 600_000);
