import { isThenable } from './fromEffect.js';
import type { Awaitable, CallOptions } from './types.js';

/** A callback that did not answer within its timeout (C-R10). */
export class CallTimeoutError extends Error {
  override name = 'CallTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** A callback of a logon or session that ended while it ran (S-R1: the last uninitialize). */
export class CallAbortedError extends Error {
  override name = 'CallAbortedError';
  constructor() {
    super('the logon or session ended while the callback ran');
  }
}

type AsyncStore = { run<T>(store: unknown, fn: () => T): T; getStore(): unknown };
type AsyncHooks = { AsyncLocalStorage: new () => AsyncStore };
// Node has async context; a browser build falls back to the synchronous part of a callback.
const hooks = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(
  'node:async_hooks',
) as AsyncHooks | undefined;
const storage: AsyncStore | null = hooks ? new hooks.AsyncLocalStorage() : null;
let syncOwner: unknown = undefined;

/** Runs an app callback on behalf of `owner`, so a call back into the subsystem knows where it comes from. */
function runAs<T>(owner: unknown, fn: () => T): T {
  if (storage) return storage.run(owner, fn);
  const previous = syncOwner;
  syncOwner = owner;
  try {
    return fn();
  } finally {
    syncOwner = previous;
  }
}

/** The logon (or session) whose callback is running now, if any. */
export function callbackOwner(): unknown {
  return storage ? storage.getStore() : syncOwner;
}

/**
 * What a logon or a live session ends with (S-R1): an AbortController made only when a callback
 * needs its signal — most callbacks answer at once and never look.
 */
export class Ending {
  aborted = false;
  private controller: AbortController | null = null;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.aborted) this.controller.abort(ENDED);
    }
    return this.controller.signal;
  }

  end(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.controller?.abort(ENDED);
  }
}

/** The reason signals are aborted with (given, so no DOMException is made each time). */
const ENDED = new CallAbortedError();

/**
 * Calls an app callback with its own AbortSignal: aborted when `timeoutMs` passes (the call then
 * rejects with CallTimeoutError) or when `parent` ends (CallAbortedError). A synchronous answer
 * stays synchronous, so scripted runs never wait on a timer or a microtask; the signal is made
 * only if the callback reads it or its answer is a promise.
 */
export function guardedCall<T>(owner: unknown, parent: Ending, timeoutMs: number, fn: (options: CallOptions) => Awaitable<T>): Awaitable<T> {
  if (parent.aborted) throw new CallAbortedError();
  let controller: AbortController | null = null;
  const mine = () => (controller ??= new AbortController());
  const answer = runAs(owner, () => fn({ get signal() { return mine().signal; } }));
  if (!isThenable(answer)) return answer;
  const parentSignal = parent.signal;
  return new Promise<T>((resolve, reject) => {
    const settle = (done: () => void) => {
      clearTimeout(timer);
      parentSignal.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () =>
      settle(() => {
        mine().abort(ENDED);
        reject(new CallAbortedError());
      });
    const timer = setTimeout(
      () =>
        settle(() => {
          mine().abort(new CallTimeoutError(timeoutMs));
          reject(new CallTimeoutError(timeoutMs));
        }),
      timeoutMs,
    );
    parentSignal.addEventListener('abort', onAbort, { once: true });
    // The callback itself ended its logon or session (the last uninitialize) before it answered:
    // a listener added to a signal already aborted is never called.
    if (parentSignal.aborted) onAbort();
    Promise.resolve(answer).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
