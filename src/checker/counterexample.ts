import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { shareLink } from '../../viz/shareLink.js';
import type { DialogKind } from '../../machines/types.js';
import type { CheckerConfig } from './config.js';
import type { Violation } from './invariants.js';
import { CallFailure, CheckedRun, type Step, type SubsystemFactory } from './run.js';

/** The viewer `mapi-logon view` serves by default. */
export const DEFAULT_VIEWER_URL = 'http://127.0.0.1:4400/';

export interface CounterexampleFile {
  /** A scenario (docs/spec.md section 8) whose outcomes and answers replay the run. */
  scenario: { description: string; profiles: unknown[]; calls: unknown[] };
  /** The call (from 1) at which the invariant broke. */
  call: number;
  /** The viewer's step (from 1) that shows that call's result: the link opens there. */
  step: number;
}

/**
 * The viewer steps through nodes, dialogs, answers and results, not calls: its own timeline
 * (viz/app/timeline.ts, run here as the page runs it) says which step shows the failing call's
 * result. If the viewer's timeline cannot be built here, the link opens at the first step.
 */
export async function viewerStep(scenario: unknown, call: number): Promise<number> {
  try {
    const { buildTimeline } = await import('../../viz/app/timeline.js');
    const { MACHINES_BY_NAME } = await import('../graph/machines.js');
    const ids = new Set(Object.values(MACHINES_BY_NAME).map((m) => m.id));
    const { steps } = await buildTimeline(scenario, ids);
    const at = steps.findIndex((s) => s.type === 'result' && s.call === call - 1);
    return at >= 0 ? at + 1 : 1;
  } catch {
    return 1;
  }
}

/**
 * The shortest counterexample as a scenario: each logon carries the dialog answers its run
 * consumed, and each provider's `outcomes` are the answers it gave, in order, over the whole run
 * (SPEC 8 counts them across sessions, as the run consumed them).
 */
export async function counterexampleScenario(
  config: CheckerConfig,
  steps: readonly Step[],
  violations: readonly Violation[],
  create?: SubsystemFactory,
  options: { viewerStep?: boolean } = {},
): Promise<CounterexampleFile> {
  const run = new CheckedRun(config, create);
  const outcomes = new Map<string, string[]>();
  const calls: unknown[] = [];
  let failed = false;
  for (const step of steps) {
    // A call that threw or never answered is the violation itself: what it asked so far stands.
    await run.step(step, null).catch((error: unknown) => {
      if (!(error instanceof CallFailure)) throw error;
      failed = true;
    });
    const spec = run.callOf(step);
    const client = config.clients[step.client]!.name;
    for (const e of run.events) {
      if (e.type !== 'logon') continue;
      const key = JSON.stringify([e.profile.toUpperCase(), e.service, e.provider]);
      outcomes.set(key, [...(outcomes.get(key) ?? []), e.answer]);
    }
    if (spec.op === 'initialize' || spec.op === 'uninitialize') calls.push({ op: spec.op });
    else if (spec.op === 'logon') {
      const answers: Partial<Record<DialogKind, string[]>> = {};
      for (const e of run.events) if (e.type === 'dialog') (answers[e.kind] ??= []).push(e.answer);
      calls.push({ op: 'logon', client, profileName: spec.profileName, password: null, flags: spec.flags, answers });
    } else if (spec.op === 'logoff') calls.push({ op: 'logoff', client, flags: spec.flags });
    else calls.push({ op: spec.op, client });
  }
  const profiles = config.profiles.map((p) => ({
    ...p,
    services: p.services.map((s) => ({
      ...s,
      providers: s.providers.map((x) => {
        const { outcomes: _scripted, ...rest } = x;
        const taken = outcomes.get(JSON.stringify([p.name.toUpperCase(), s.name, x.name]));
        return taken ? { ...rest, outcomes: taken } : rest;
      }),
    })),
  }));
  const broken = violations.map((v) => `${v.rule}: ${v.message}`).join('; ');
  const scenario = { description: `mapi-logon check: counterexample at call ${steps.length}: ${broken}`.slice(0, 2000), profiles, calls };
  const call = Math.max(1, steps.length);
  if (options.viewerStep === false) return { scenario, call, step: 1 };
  // The viewer's timeline would run the failing call again, and xstate's interpreter runs an
  // eventless loop forever: a call that failed opens at the first step after the calls before it.
  if (failed) return { scenario, call, step: call === 1 ? 1 : (await viewerStep({ ...scenario, calls: calls.slice(0, -1) }, call - 1)) + 1 };
  return { scenario, call, step: await viewerStep(scenario, call) };
}

/** Writes the scenario file; answers the viewer link that opens it at the failing step. */
export function writeCounterexample(file: string, found: CounterexampleFile, viewerUrl = DEFAULT_VIEWER_URL): string {
  const text = JSON.stringify(found.scenario, null, 2) + '\n';
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return shareLink(viewerUrl, text, found.step);
}
