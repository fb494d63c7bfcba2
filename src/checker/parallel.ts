import { Worker } from 'node:worker_threads';
import type { CheckerConfig } from './config.js';
import { Expander } from './expand.js';
import { explore, stopwatch, type ExploreOptions, type ExploreResult, type FrontierNode, type Work } from './explore.js';
import type { WorkerReply } from './worker.js';

/** Starts a worker on worker.ts (through tsx's loader when this module runs as TypeScript) or worker.js. */
function startWorker(config: CheckerConfig): Worker {
  const here = import.meta.url;
  const typescript = here.endsWith('.ts');
  const target = JSON.stringify(new URL(typescript ? './worker.ts' : './worker.js', here).href);
  // Worker threads do not inherit tsx's loader: register it first.
  const boot = typescript ? `import('tsx/esm/api').then((m) => { m.register(); return import(${target}); })` : `import(${target})`;
  return new Worker(boot, { eval: true, workerData: { config } });
}

/**
 * The search of explore.ts split over worker threads, level by level: each worker expands its
 * share of the level; the main thread keeps the set of states seen and deals out the next level,
 * giving each new state to the worker that found it (its run is kept there) and moving the surplus
 * of a busier worker to the others. Same states, transitions and counterexamples as one thread
 * (a shortest one: the first violation of the shallowest level that has one).
 */
export async function exploreParallel(config: CheckerConfig, workers: number, options: Pick<ExploreOptions, 'onProgress' | 'progressEveryMs'> = {}): Promise<ExploreResult> {
  if (workers <= 1) return explore(config, options);
  const clock = stopwatch(workers);
  const local = new Expander(config);
  const root = local.root();
  if (root.violations.length > 0) return clock.finish(1, { transitions: 0, subsystemMs: 0 }, 0, { steps: [], violations: root.violations }, false);
  const pool = Array.from({ length: workers }, () => startWorker(config));
  const work: Work[] = pool.map(() => ({ transitions: 0, subsystemMs: 0 }));
  const total = (): Work => ({ transitions: work.reduce((n, w) => n + w.transitions, 0), subsystemMs: work.reduce((n, w) => n + w.subsystemMs, 0) });
  const seen = new Set<string>([root.key]);
  let lastProgress = clock.started;
  const every = options.progressEveryMs ?? 250;
  const progress = (depth: number, frontier: number) => {
    const now = performance.now();
    if (options.onProgress && now - lastProgress >= every) {
      lastProgress = now;
      options.onProgress({ states: seen.size, transitions: total().transitions, depth, frontier, elapsedMs: now - clock.started });
    }
  };

  const run = (w: number, tasks: FrontierNode[], depth: number, frontier: number) =>
    new Promise<Extract<WorkerReply, { type: 'done' }>>((resolve, reject) => {
      const worker = pool[w]!;
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'progress') {
          work[w] = { transitions: reply.transitions, subsystemMs: reply.subsystemMs };
          progress(depth, frontier);
          return;
        }
        worker.off('message', onMessage);
        worker.off('error', reject);
        if (reply.type === 'failed') reject(new Error(`checker worker: ${reply.message}`));
        else resolve(reply);
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.postMessage({ type: 'level', tasks });
    });

  try {
    // The root's run is on this thread; worker 0 starts it afresh.
    let shares: FrontierNode[][] = pool.map((_, w) => (w === 0 ? [{ key: root.key, prefix: [] }] : []));
    let depth = 0;
    while (shares.some((s) => s.length > 0) && depth < config.depth) {
      const frontier = shares.reduce((n, s) => n + s.length, 0);
      const replies = await Promise.all(shares.map((tasks, w) => run(w, tasks, depth, frontier)));
      replies.forEach((r, w) => (work[w] = { transitions: r.transitions, subsystemMs: r.subsystemMs }));
      const violation = replies.find((r) => r.violation)?.violation;
      if (violation) return clock.finish(seen.size, total(), depth + 1, violation, false);
      const next: FrontierNode[][] = pool.map(() => []);
      replies.forEach((r, w) => {
        for (const child of r.children) {
          if (seen.has(child.key)) continue;
          seen.add(child.key);
          next[w]!.push(child);
        }
      });
      if (seen.size >= config.maxStates) return clock.finish(seen.size, total(), depth + 1, null, true);
      shares = balance(next);
      depth++;
    }
    return clock.finish(seen.size, total(), depth, null, false);
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** Moves states from busier workers to the others until every share is within one of the mean. */
function balance(shares: FrontierNode[][]): FrontierNode[][] {
  const total = shares.reduce((n, s) => n + s.length, 0);
  const mean = Math.ceil(total / shares.length);
  const surplus: FrontierNode[] = [];
  for (const s of shares) if (s.length > mean) surplus.push(...s.splice(mean));
  for (const s of shares) while (s.length < mean && surplus.length > 0) s.push(surplus.pop()!);
  return shares;
}
