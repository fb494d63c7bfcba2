import { parentPort, workerData } from 'node:worker_threads';
import type { CheckerConfig } from './config.js';
import { Expander } from './expand.js';
import type { FrontierNode } from './explore.js';

/**
 * One worker of the parallel search (parallel.ts): expands the states of a level it is given and
 * answers the new states it found (the main thread deduplicates across workers). Runs that found
 * a state stay here, so the main thread gives that state back to this worker when it can.
 */
export type WorkerRequest = { type: 'level'; tasks: FrontierNode[] };
export type WorkerReply =
  | { type: 'progress'; transitions: number; subsystemMs: number }
  | { type: 'done'; children: FrontierNode[]; transitions: number; subsystemMs: number; violation: Awaited<ReturnType<Expander['expand']>> }
  | { type: 'failed'; message: string };

const port = parentPort!;
const expander = new Expander(workerData.config as CheckerConfig);

port.on('message', (request: WorkerRequest) => {
  void level(request.tasks).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) } satisfies WorkerReply),
  );
});

async function level(tasks: FrontierNode[]): Promise<WorkerReply> {
  await expander.keepOnly(new Set(tasks.map((t) => t.key)));
  const reported = new Set<string>();
  const children: FrontierNode[] = [];
  let last = performance.now();
  for (const node of tasks) {
    const violation = await expander.expand(node.key, node.prefix, (key, step) => {
      if (reported.has(key)) return false;
      reported.add(key);
      children.push({ key, prefix: [...node.prefix, step] });
      return true;
    });
    if (violation) return { type: 'done', children, transitions: expander.transitions, subsystemMs: expander.subsystemMs, violation };
    if (performance.now() - last > 200) {
      last = performance.now();
      port.postMessage({ type: 'progress', transitions: expander.transitions, subsystemMs: expander.subsystemMs } satisfies WorkerReply);
    }
  }
  return { type: 'done', children, transitions: expander.transitions, subsystemMs: expander.subsystemMs, violation: null };
}
