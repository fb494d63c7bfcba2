/**
 * A run as a link: the scenario deflated (CompressionStream 'deflate', zlib format, as Node's
 * `zlib.deflateSync` makes it) and base64url-encoded in the hash, with the step: `#s=…&step=12`.
 * An example is named instead: `#example=two-failure-rule&step=12`. The hash never reaches a
 * server, so any static host serves the same link.
 */
export interface SharedRun {
  scenario?: string;
  example?: string;
  step?: number;
}

const toBase64Url = (bytes: Uint8Array) => {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string) => {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** Deflates and base64url-encodes a text (a scenario, or a coverage report). */
export async function encodeScenario(text: string): Promise<string> {
  return toBase64Url(await through(new TextEncoder().encode(text), new CompressionStream('deflate')));
}

/** The scenario text of a link; throws on a link that is not one. */
export async function decodeScenario(code: string): Promise<string> {
  return new TextDecoder('utf-8', { fatal: true }).decode(await through(fromBase64Url(code), new DecompressionStream('deflate')));
}

/**
 * The coverage view: `#mode=coverage` (of the examples), `#mode=coverage&example=…` or `&s=…` (of
 * that scenario), `#cov=…` (a report of `mapi-logon coverage --json`, deflated like a scenario).
 */
export interface HashState {
  s?: string;
  example?: string;
  step?: number;
  mode?: 'coverage';
  cov?: string;
}

export function readHash(hash: string): HashState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const step = Number(params.get('step'));
  return {
    ...(params.get('s') ? { s: params.get('s')! } : {}),
    ...(params.get('example') ? { example: params.get('example')! } : {}),
    ...(params.has('step') && Number.isInteger(step) && step >= 1 ? { step } : {}),
    ...(params.get('mode') === 'coverage' || params.get('cov') ? { mode: 'coverage' as const } : {}),
    ...(params.get('cov') ? { cov: params.get('cov')! } : {}),
  };
}

export function writeHash(run: HashState): string {
  const params = new URLSearchParams();
  if (run.cov) return `#cov=${run.cov}`;
  if (run.mode) params.set('mode', run.mode);
  if (run.example) params.set('example', run.example);
  else if (run.s) params.set('s', run.s);
  if (!run.mode && run.step !== undefined) params.set('step', String(run.step));
  return `#${params.toString()}`;
}
