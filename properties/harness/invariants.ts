import type { LogonCallResult } from '../../src/simulator/runScenario.js';
import { HRESULTS, type HResultName } from '../../src/constants/hresults.js';

type Service = LogonCallResult['services'][number];
const count = (path: string[], id: string) => path.filter((x) => x === id).length;

/** C-R5: the severity bit. S_OK and warnings (MAPI_W_*) log the provider on; errors do not. */
export const isError = (hr: HResultName) => (HRESULTS[hr] & 0x80000000) !== 0;
/** C-R5, C-R7: an answer that counts as a failure of the service. */
export const countsAsFailure = (hr: HResultName) => isError(hr) && hr !== 'MAPI_E_FAILONEPROVIDER';

/** The service ended by a declined retry: C6 straight to C7, with nothing between. */
export const retryDeclined = (s: Service) => s.path.at(-1) === 'C7' && s.path.at(-2) === 'C6';

/**
 * The two-failure rule read off a service's record (C-R5, C-R6, C-R7). Returns the first broken
 * statement, or null. A correct machine never breaks one; a machine with another threshold, a
 * missing retry or a disabled service that goes on does.
 */
export function twoFailureViolation(s: Service, options: { uiAllowed?: boolean } = {}): string | null {
  const p = s.path;
  const attempts = s.providers.reduce((n, x) => n + x.attempts, 0);
  if (p[0] !== 'C1') return 'the path does not start with C1';
  if (count(p, 'C3') !== attempts) return `C3 ${count(p, 'C3')} times for ${attempts} attempts`;
  const firstFailures = count(p, 'C4') + count(p, 'C6');
  if (firstFailures > 1) return 'more than one first-failure retry (C4/C6)';
  const secondFailure = p.at(-1) === 'C7' && p.at(-2) === 'C3' ? 1 : 0;
  if (s.failures !== firstFailures + secondFailure) return `failures ${s.failures}, but the path shows ${firstFailures + secondFailure}`;
  if (s.failures > 2) return 'more than two failures';
  const failing = s.providers.flatMap((x) => x.hrs).filter(countsAsFailure).length;
  if (s.failures !== failing) return `failures ${s.failures}, but ${failing} failing answers`;
  // C-R5: without UI the retry still happens, silently: C6 is never declined.
  if (options.uiAllowed === false && retryDeclined(s)) return 'a retry declined without UI';
  if (count(p, 'C7') > 1 || (p.includes('C7') && p.at(-1) !== 'C7')) return 'something happens after C7';
  if (s.failures === 2 && s.state !== 'disabled') return 'a second failure left the service enabled';
  if (s.state === 'disabled') {
    if (!p.includes('C7')) return 'disabled without C7';
    if (s.failures !== 2 && !retryDeclined(s)) return 'disabled after fewer than two failures, without a declined retry';
    if (s.providers.some((x) => x.state !== 'disabled')) return 'a provider of a disabled service is not disabled';
  } else {
    if (p.at(-1) !== 'C8') return 'an enabled service does not end with C8';
    if (s.providers.some((x) => x.state === 'disabled')) return 'a disabled provider in an enabled service';
  }
  // C4 / C6 retry the failing provider (or C6 is declined).
  for (let i = 0; i < p.length; i++) {
    if ((p[i] === 'C4' || p[i] === 'C6') && !(p[i + 1] === 'C3' || (p[i] === 'C6' && p[i + 1] === 'C7'))) return `${p[i]} not followed by a retry`;
  }
  for (const x of s.providers) {
    if (x.attempts > 2) return `${x.name} tried ${x.attempts} times`;
    if (x.paths.length !== x.attempts) return `${x.name} has ${x.paths.length} paths for ${x.attempts} attempts`;
    if (x.state === 'skipped' && x.hr !== 'MAPI_E_FAILONEPROVIDER') return `${x.name} skipped without MAPI_E_FAILONEPROVIDER`;
    if (x.hrs.length !== x.attempts || (x.attempts > 0 && x.hrs.at(-1) !== x.hr)) return `${x.name}: hrs ${x.hrs.join(',')} but hr ${x.hr}, ${x.attempts} attempts`;
    // C-R5 (v2): an answer with the severity bit clear logs the provider on and keeps the warning.
    if (x.state === 'loggedOn' && (x.hr === null || isError(x.hr))) return `${x.name} logged on with ${x.hr}`;
    if (x.hr !== null && !isError(x.hr) && s.state === 'enabled' && x.state !== 'loggedOn') return `${x.name} answered ${x.hr} but is ${x.state}`;
    if (x.hr === 'MAPI_E_FAILONEPROVIDER' && s.state === 'enabled' && x.state !== 'skipped') return `${x.name} not skipped`;
  }
  return null;
}
