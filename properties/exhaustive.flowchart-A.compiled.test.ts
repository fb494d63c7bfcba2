import { expect, it } from 'vitest';
import { checkFlowchartA } from './exhaustive/checkFlowchartA.js';
import { TOTAL_CASES } from './exhaustive/flowchartACases.js';

// The full space, in the default suite: ~5 s alone on this 2-core host; the timeout leaves room for a loaded one.
it('A1-A15 exhaustively (compiled interpreter): every case of flowchart A matches, as it does on xstate', () => {
  const { checked, mismatches, first } = checkFlowchartA('compiled');
  expect(first).toBeUndefined();
  expect(mismatches).toBe(0);
  expect(checked).toBe(TOTAL_CASES);
}, 900_000);
