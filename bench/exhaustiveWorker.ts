// One share of the exhaustive flowchart A check: the flag combinations i with i % workers === index.
import { parentPort, workerData } from 'node:worker_threads';
import { forEachFlowchartACase } from '../properties/exhaustive/flowchartACases.js';

const { index, workers, step } = workerData as { index: number; workers: number; step: number };
const flags: number[] = [];
for (let i = index * step; i < 1 << 14; i += workers * step) flags.push(i);
const started = performance.now();
const cases = forEachFlowchartACase(() => {}, flags);
parentPort!.postMessage({ cases, ms: performance.now() - started });
