/**
 * Delta debugging (Zeller's ddmin): the smallest subset of `items` for which `fails` still holds,
 * trying complements of ever smaller chunks. `budget` caps the calls to `fails` (each re-runs the
 * implementation).
 */
export async function ddmin<T>(items: T[], fails: (subset: T[]) => Promise<boolean>, budget: { left: number }): Promise<T[]> {
  let current = items;
  let n = 2;
  while (current.length >= 2 && budget.left > 0) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let start = 0; start < current.length && budget.left > 0; start += size) {
      const complement = [...current.slice(0, start), ...current.slice(start + size)];
      if (complement.length === 0) continue;
      budget.left--;
      if (await fails(complement)) {
        current = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(n * 2, current.length);
    }
  }
  // A single item may go too (a scenario with no call at all is valid).
  if (current.length === 1 && budget.left > 0) {
    budget.left--;
    if (await fails([])) return [];
  }
  return current;
}
