/**
 * The coverage view's colour scale: a count becomes one of LEVELS shades, on a log scale up to the
 * largest count (a node entered 300 times would otherwise wash every once-taken edge out). Level 0
 * is "never taken"; the stylesheet colours `.cov-l0`…`.cov-l5`.
 */
export const LEVELS = 5;

export function levelOf(count: number, max: number): number {
  if (!(count > 0)) return 0;
  if (max <= 1) return 1;
  const t = Math.log(Math.min(count, max)) / Math.log(max);
  return Math.min(LEVELS, 1 + Math.floor(t * LEVELS));
}

export interface LevelRange {
  level: number;
  from: number;
  to: number;
}

/** The counts each level stands for, for the legend: levels no whole count reaches are left out. */
export function levelRanges(max: number): LevelRange[] {
  const out: LevelRange[] = [];
  for (let c = 1; c <= max; c++) {
    const level = levelOf(c, max);
    const last = out.at(-1);
    if (last?.level === level) last.to = c;
    else out.push({ level, from: c, to: c });
  }
  return out;
}

export const rangeText = (r: LevelRange) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`);
