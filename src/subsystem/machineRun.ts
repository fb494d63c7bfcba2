import { createActor, type AnyStateMachine, type InspectionEvent, type Observer } from 'xstate';
import { LeanActor } from '../compiled/leanActor.js';
import type { CompiledSnapshot } from '../compiled/types.js';

type Inspect = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

/** One running machine, on xstate's interpreter or the compiled engine, seen the same way. */
export interface MachineRun<TContext, TOutput> {
  send(event: { type: string }): void;
  context(): TContext;
  /** The machine reached a final state; `output()` then has its output. */
  done(): boolean;
  output(): TOutput;
  /** Settles once `ready(context)` holds or the run is done or stopped; null when it holds now. */
  until(ready: (context: TContext) => boolean): Promise<void> | null;
  stop(): void;
  /** Compiled engine: the current snapshot (immutable), to resume a run from later; undefined on xstate. */
  persist(): unknown;
}

/** Starts `machine` with `input`: on xstate's interpreter (with an inspector, if given) or the compiled engine. */
export function startMachine<TContext, TOutput>(
  machine: AnyStateMachine,
  input: unknown,
  interpreter: 'xstate' | 'compiled',
  inspect?: Inspect,
  /** Called with the run before the machine starts (its first step may call back into the owner). */
  created?: (run: MachineRun<TContext, TOutput>) => void,
  /** Compiled engine only: go on from a snapshot `persist()` answered instead of starting afresh. */
  resume?: unknown,
): MachineRun<TContext, TOutput> {
  const waiters = new Set<() => void>();
  let stopped = false;
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  let read: () => { context: TContext; status: string; output: unknown; error: unknown };
  let send: (event: { type: string }) => void;
  let halt: () => void;
  let begin: () => void;
  let persist: () => unknown = () => undefined;

  if (interpreter === 'compiled') {
    const actor = new LeanActor(machine, '(machine)', null, input, resume as CompiledSnapshot | undefined);
    actor.onSnapshot = wake;
    read = () => actor.snapshot! as never;
    persist = () => actor.snapshot;
    send = (event) => actor.receive(event);
    halt = () => actor.stop();
    begin = () => actor.start();
  } else {
    if (resume !== undefined) throw new TypeError('startMachine: only the compiled engine resumes from a snapshot');
    const actor = createActor(machine, { input, ...(inspect ? { inspect } : {}) });
    actor.subscribe({ next: wake, error: wake, complete: wake });
    read = () => actor.getSnapshot() as never;
    send = (event) => actor.send(event as never);
    halt = () => actor.stop();
    begin = () => actor.start();
  }

  const check = () => {
    const s = read();
    if (s.status === 'error') throw s.error;
  };
  const run: MachineRun<TContext, TOutput> = {
    send(event) {
      if (stopped) return;
      send(event);
      check();
    },
    context: () => read().context,
    persist: () => persist(),
    done: () => read().status === 'done',
    output: () => read().output as TOutput,
    until(ready) {
      const settled = () => stopped || read().status !== 'active' || ready(read().context);
      if (settled()) return null;
      return new Promise<void>((resolve) => {
        const w = () => {
          if (!settled()) return;
          waiters.delete(w);
          resolve();
        };
        waiters.add(w);
      });
    },
    stop() {
      if (stopped) return;
      stopped = true;
      halt();
      wake();
    },
  };
  created?.(run);
  begin();
  check();
  return run;
}
