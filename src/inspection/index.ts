import type { InspectionEvent, Observer } from 'xstate';
import { createEventBuilder } from './events.js';

export { allowRecord, allowValue, MAX_NAME } from './allowlist.js';
export { buildEvent, buildSnapshot, createEventBuilder } from './events.js';
export { fieldKinds, MODEL_WORDS, type ValueKind } from './vocabulary.js';
export type { ActorStandIn, RegisteredActorStandIn } from './standIns.js';

/**
 * The only way inspection reaches an app's inspector: every event is built afresh from an
 * allowlist of what the model knows (actor ids, state values and node ids, HRESULT names,
 * profile, service and provider names, the closed vocabularies, counts and flags). App objects,
 * Errors, answers outside the vocabularies, unknown fields and live actor refs never pass.
 * Neither building an event nor the app's inspector throwing can break a logon.
 */
export function sanitizeInspection(
  inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void),
): (event: InspectionEvent) => void {
  const build = createEventBuilder();
  const next = typeof inspect === 'function' ? inspect : (e: InspectionEvent) => inspect.next?.(e);
  return (event) => {
    let built: InspectionEvent | undefined;
    try {
      built = build(event);
    } catch {
      return;
    }
    if (!built) return;
    try {
      next(built);
    } catch {
      // The app's inspector failed; the logon it watches goes on.
    }
  };
}
