import { describe, expect, it } from 'vitest';
import { LEVELS, levelOf, levelRanges, rangeText } from '../viz/app/coverageScale.js';

describe("the coverage view's colour scale", () => {
  it('0 is never taken; 1 the lightest shade; the largest count the darkest; never darker for fewer', () => {
    for (const max of [1, 2, 3, 7, 42, 300, 10_000]) {
      expect(levelOf(0, max)).toBe(0);
      expect(levelOf(1, max)).toBe(1);
      expect(levelOf(max, max)).toBe(max === 1 ? 1 : LEVELS);
      for (let c = 1; c < Math.min(max, 2000); c++) expect(levelOf(c + 1, max)).toBeGreaterThanOrEqual(levelOf(c, max));
    }
  });

  it("the legend's ranges cover 1…max once each, in order, on a log scale", () => {
    const ranges = levelRanges(300);
    expect(ranges.map(rangeText)).toEqual(['1–3', '4–9', '10–30', '31–95', '96–300']);
    expect(levelRanges(1).map(rangeText)).toEqual(['1']);
    for (const max of [2, 5, 80, 999]) {
      const r = levelRanges(max);
      expect(r[0]!.from).toBe(1);
      expect(r.at(-1)!.to).toBe(max);
      r.slice(1).forEach((x, i) => expect(x.from).toBe(r[i]!.to + 1));
    }
  });
});
