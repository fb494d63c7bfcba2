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
 * Calls an app callback with its own AbortSignal: aborted when `timeoutMs` passes (the call then
 * rejects with CallTimeoutError) or when `parent` aborts (CallAbortedError). A synchronous answer
 * stays synchronous, so scripted runs never wait on a timer or a microtask.
 */
export function guardedCall<T>(owner: unknown, parent: AbortSignal, timeoutMs: number, fn: (options: CallOptions) => Awaitable<T>): Awaitable<T> {
  if (parent.aborted) throw new CallAbortedError();
  const controller = new AbortController();
  const answer = runAs(owner, () => fn({ signal: controller.signal }));
  if (!isThenable(answer)) return answer;
  return new Promise<T>((resolve, reject) => {
    const settle = (done: () => void) => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () =>
      settle(() => {
        controller.abort(new CallAbortedError());
        reject(new CallAbortedError());
      });
    const timer = setTimeout(
      () =>
        settle(() => {
          controller.abort(new CallTimeoutError(timeoutMs));
          reject(new CallTimeoutError(timeoutMs));
        }),
      timeoutMs,
    );
    parent.addEventListener('abort', onAbort, { once: true });
    Promise.resolve(answer).then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
