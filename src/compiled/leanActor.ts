import { createActor, type AnyActorLogic, type AnyStateMachine, type EventObject } from 'xstate';
import { doneActorEvent, errorActorEvent, isMachineLogic } from './adapter.js';
import { EFFECT, isThenable } from '../subsystem/fromEffect.js';
import { compileMachine } from './compileMachine.js';
import { MAX_MICROSTEPS, initialStep, transitionStep } from './macrostep.js';
import { PARENT, type CompiledSnapshot, type Effect } from './types.js';

type Outcome = { status: 'done'; output: unknown } | { status: 'error'; error: unknown };

/**
 * One actor of a compiled run, with xstate's actor order: a child starts after its parent's
 * macrostep, events wait in a mailbox while the actor is busy or not yet started, and a child that
 * finishes sends `xstate.done.actor.<id>` (or `xstate.error.actor.<id>`) to its parent. Machines
 * step through the compiled table; `fromEffect` actors call their effect at once; any other logic
 * runs as an xstate actor of its own.
 */
export class LeanActor {
  outcome: Outcome | undefined;
  snapshot: CompiledSnapshot | undefined;
  onOutcome: ((outcome: Outcome) => void) | undefined;
  /** Called after every macrostep, once its effects ran (a long-lived actor's watcher). */
  onSnapshot: ((snapshot: CompiledSnapshot) => void) | undefined;
  private state: 'created' | 'running' | 'stopped' = 'created';
  private mailboxOpen = false;
  private flushing = false;
  private readonly queue: EventObject[] = [];
  private readonly children = new Map<string, LeanActor>();
  private initialEffects: Effect[] = [];
  private stopForeign: (() => void) | undefined;

  constructor(
    private readonly logic: AnyActorLogic,
    readonly id: string,
    private readonly parent: LeanActor | null,
    private readonly input: unknown,
    /** Go on from this snapshot of the same machine, taken between macrosteps with no children (CompiledSnapshot is immutable). */
    resume?: CompiledSnapshot,
  ) {
    if (resume) {
      if (resume.children.length > 0 || resume.status !== 'active') throw new Error(`LeanActor: only an active snapshot without children can be resumed (${id})`);
      this.snapshot = resume;
    } else if (isMachineLogic(logic)) {
      const step = initialStep(compileMachine(logic), input);
      this.snapshot = step.snapshot;
      this.initialEffects = step.effects;
    }
  }

  start(): void {
    if (this.state !== 'created') return;
    this.state = 'running';
    if (this.snapshot) this.apply(this.snapshot, this.initialEffects);
    else this.startLogic();
    this.initialEffects = [];
    this.mailboxOpen = true;
    this.flush();
  }

  receive(event: EventObject): void {
    if (this.state === 'stopped' || !this.snapshot) return;
    this.queue.push(event);
    if (this.mailboxOpen && !this.flushing) this.flush();
  }

  stop(): void {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.queue.length = 0;
    for (const child of this.children.values()) child.stop();
    this.children.clear();
    this.stopForeign?.();
  }

  private flush(): void {
    this.flushing = true;
    let events = 0;
    while (this.queue.length && this.state === 'running') {
      // Actors that answer each other at once for ever (a loop between actors, which xstate's
      // interpreter would run for ever too): this one ends in error, as MAX_MICROSTEPS does within one.
      if (++events > MAX_MICROSTEPS) {
        this.queue.length = 0;
        this.failed(this.snapshot!, new Error(`compiled engine: more than ${MAX_MICROSTEPS} events in a row for ${this.id} (a loop between actors, at ${this.snapshot!.leaf.id})`));
        break;
      }
      const step = transitionStep(this.snapshot!, this.queue.shift()!);
      this.apply(step.snapshot, step.effects);
    }
    this.flushing = false;
  }

  // xstate's Actor.update: the snapshot, then the deferred effects in order, then done or error.
  private apply(snapshot: CompiledSnapshot, effects: Effect[]): void {
    this.snapshot = snapshot;
    for (const effect of effects) {
      switch (effect.type) {
        case 'spawn': {
          const child = new LeanActor(effect.logic, effect.id, this, effect.input);
          this.children.set(effect.id, child);
          child.start();
          break;
        }
        case 'send':
          (effect.to === PARENT ? this.parent : this.children.get(effect.to))?.receive(effect.event);
          break;
        case 'stop':
          this.children.get(effect.id)?.stop();
          this.children.delete(effect.id);
          break;
        case 'exec':
          // A custom action that throws ends this actor in error, as in xstate: the effects after
          // it do not run, its children stop, its parent gets xstate.error.actor.<id>.
          try {
            effect.impl(effect.args, effect.params);
          } catch (error) {
            this.failed(snapshot, error);
            return;
          }
          break;
      }
    }
    this.onSnapshot?.(snapshot);
    if (snapshot.status === 'done') this.finish({ status: 'done', output: snapshot.output });
    else if (snapshot.status === 'error') this.finish({ status: 'error', error: snapshot.error });
  }

  private failed(snapshot: CompiledSnapshot, error: unknown): void {
    this.snapshot = { ...snapshot, status: 'error', error, output: undefined, children: [] };
    for (const child of this.children.values()) child.stop();
    this.children.clear();
    this.onSnapshot?.(this.snapshot);
    this.finish({ status: 'error', error });
  }

  private finish(outcome: Outcome): void {
    if (this.state !== 'running') return;
    this.state = 'stopped';
    this.queue.length = 0;
    this.outcome = outcome;
    if (this.parent) {
      this.parent.receive(outcome.status === 'done' ? doneActorEvent(this.id, outcome.output) : errorActorEvent(this.id, outcome.error));
    }
    this.onOutcome?.(outcome);
  }

  private startLogic(): void {
    const effect = (this.logic as { [EFFECT]?: (input: unknown) => unknown })[EFFECT];
    if (effect) {
      let answer: unknown;
      let thenable: boolean;
      // Asking the answer for `then` may throw too (a throwing Proxy): xstate's actor start fails
      // as a whole then, so the actor ends in error, never the caller's logon.
      try {
        answer = effect(this.input);
        thenable = isThenable(answer);
        if (thenable) (answer as PromiseLike<unknown>).then((output) => this.finish({ status: 'done', output }), (error) => this.finish({ status: 'error', error }));
      } catch (error) {
        this.finish({ status: 'error', error });
        return;
      }
      if (!thenable) this.finish({ status: 'done', output: answer });
      return;
    }
    // fromPromise and other logic: xstate runs it, this actor relays how it ends.
    const actor = createActor(this.logic, { input: this.input });
    this.stopForeign = () => actor.stop();
    actor.subscribe({
      complete: () => this.finish({ status: 'done', output: actor.getSnapshot().output }),
      error: (error) => this.finish({ status: 'error', error }),
    });
    actor.start();
  }
}

/**
 * Runs a machine to its end with the compiled interpreter: its output, at once when every effect
 * answered synchronously, else a promise of it. A machine that ends in error throws (or rejects).
 */
export function runCompiled<TOutput>(machine: AnyStateMachine, input: unknown): TOutput | Promise<TOutput> {
  const actor = new LeanActor(machine, '(machine)', null, input);
  actor.start();
  const settled = (o: Outcome): TOutput => {
    if (o.status === 'error') throw o.error;
    return o.output as TOutput;
  };
  if (actor.outcome) return settled(actor.outcome);
  return new Promise<TOutput>((resolve, reject) => {
    actor.onOutcome = (o) => (o.status === 'done' ? resolve(o.output as TOutput) : reject(o.error));
  });
}
