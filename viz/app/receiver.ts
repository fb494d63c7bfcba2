/** An inspection event as @statelyai/inspect's browser adapter posts it. */
export interface StatelyEvent {
  type: string;
  sessionId: string;
  name?: string;
  definition?: string;
  snapshot?: { value?: unknown; status?: string; context?: Record<string, unknown> };
}

const isStatelyEvent = (d: unknown): d is StatelyEvent =>
  typeof d === 'object' && d !== null && typeof (d as StatelyEvent).type === 'string' && (d as StatelyEvent).type.startsWith('@xstate.') &&
  typeof (d as StatelyEvent).sessionId === 'string';

/**
 * The inspector's end of @statelyai/inspect's browser protocol, stricter than the library's
 * `createBrowserReceiver`: only the window that opened this page (or the page that frames it)
 * is heard, and only from the origin its first message came from. Any other window's message is
 * dropped, so another tab or a frame cannot feed this page.
 */
export function receiveInspection(onEvent: (ev: StatelyEvent) => void): { source: Window | null } {
  const source: Window | null = window.self === window.top ? window.opener : window.parent;
  let origin: string | null = null;
  window.addEventListener('message', (event) => {
    if (!source || event.source !== source) return;
    if (event.origin === 'null' || (origin !== null && event.origin !== origin)) return;
    if (!isStatelyEvent(event.data)) return;
    origin ??= event.origin;
    onEvent(event.data);
  });
  // The adapter waits for this before it sends (the message says only that we listen).
  source?.postMessage({ type: '@statelyai.connected' }, '*');
  return { source };
}
