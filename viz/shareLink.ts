import { deflateSync } from 'node:zlib';

/**
 * A viewer link that opens a scenario at a step: the scenario deflated (zlib format, which the
 * page inflates with DecompressionStream('deflate')) and base64url-encoded in the hash.
 */
export function shareLink(viewerUrl: string, scenarioText: string, step = 1): string {
  const s = deflateSync(Buffer.from(scenarioText, 'utf8')).toString('base64url');
  return `${viewerUrl}#s=${s}&step=${step}`;
}
