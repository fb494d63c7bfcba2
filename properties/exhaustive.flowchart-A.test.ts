import { expect, it } from 'vitest';
import { checkFlowchartA } from './exhaustive/checkFlowchartA.js';
import { TOTAL_CASES } from './exhaustive/flowchartACases.js';

it('A1-A15 exhaustively (xstate): every flag combination × profile name × shared × default × credentials × answer matches flowchart A', () => {
  const { checked, mismatches, first } = checkFlowchartA('xstate');
  expect(first).toBeUndefined();
  expect(mismatches).toBe(0);
  expect(checked).toBe(TOTAL_CASES);
});
