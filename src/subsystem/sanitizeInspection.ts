import type { InspectionEvent, Observer } from 'xstate';

/** Field names that could carry a secret; their values never reach an inspector. */
const SECRET = /^(password|passwd|credentials?|secret|token)$/i;
export const REDACTED = '[redacted]';

function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  // Actor refs and other class instances are passed through: only plain data is copied.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET.test(k) && v !== null ? REDACTED : redact(v, depth + 1)]));
}

/**
 * A backstop before an app's inspector: the machines hold no credential, but should one slip into
 * a context or an event, the inspector sees `[redacted]` in its place.
 */
export function sanitizeInspection(
  inspect: Observer<InspectionEvent> | ((event: InspectionEvent) => void),
): (event: InspectionEvent) => void {
  const next = typeof inspect === 'function' ? inspect : (e: InspectionEvent) => inspect.next?.(e);
  return (event) => {
    const e = event as InspectionEvent & { snapshot?: { context?: unknown }; event?: unknown };
    if (!('snapshot' in e) && !('event' in e)) return next(event);
    const copy = { ...e } as typeof e;
    if (e.snapshot && typeof e.snapshot === 'object' && 'context' in e.snapshot) {
      // Keep the snapshot's prototype (its methods) while replacing its context.
      copy.snapshot = Object.assign(Object.create(Object.getPrototypeOf(e.snapshot)), e.snapshot, { context: redact(e.snapshot.context) });
    }
    if (e.event) copy.event = redact(e.event);
    next(copy as InspectionEvent);
  };
}
