/** Median of `samples` timings of `fn` (each timing runs it `inner` times), in nanoseconds per call. */
export async function medianNs(fn: () => unknown | Promise<unknown>, { samples = 31, inner = 1, warmup = 3 } = {}): Promise<number> {
  for (let i = 0; i < warmup; i++) for (let j = 0; j < inner; j++) await fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < inner; j++) await fn();
    times.push(Number(process.hrtime.bigint() - t0) / inner);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The same for synchronous code, without awaiting (awaiting costs a microtask per call). */
export function medianNsSync(fn: () => unknown, { samples = 31, inner = 1, warmup = 3 } = {}): number {
  for (let i = 0; i < warmup; i++) for (let j = 0; j < inner; j++) fn();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    for (let j = 0; j < inner; j++) fn();
    times.push(Number(process.hrtime.bigint() - t0) / inner);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
