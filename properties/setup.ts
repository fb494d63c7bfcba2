import fc from 'fast-check';

/**
 * FC_NUM_RUNS raises the runs of every property (deep runs); FC_SEED and FC_PATH replay a failure
 * exactly as fast-check printed it. The default keeps `npm test` under two minutes on 2 cores.
 */
const numRuns = Number(process.env.FC_NUM_RUNS ?? 100);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
fc.configureGlobal({
  numRuns,
  ...(seed !== undefined ? { seed } : {}),
  ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}),
  // Runs are async and run whole scenarios: no per-run timeout, vitest's test timeout bounds them.
  interruptAfterTimeLimit: undefined,
});
