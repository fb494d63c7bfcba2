import { MAPI_LOGON_UI, MAPI_NEW_SESSION, MAPI_PASSWORD_UI } from '../../src/constants/flags.js';
import { flowchartA } from '../oracle/flowchartA.js';
import { credentialCheck, forEachFlowchartACase, type Interpreter } from './flowchartACases.js';

/**
 * Every case of flowchart A's input space (or of the flag combinations given) against the
 * plain-code flowchart: the count, the mismatches and the first of them.
 */
export function checkFlowchartA(interpreter: Interpreter, flagIndices?: readonly number[]): { checked: number; mismatches: number; first: string | undefined } {
  const started = performance.now();
  let mismatches = 0;
  let first: string | undefined;
  const checked = forEachFlowchartACase(
    (c, out) => {
      const want = flowchartA({
        flags: c.flags,
        profileName: c.profileName,
        sharedProfile: c.shared ? 'Work' : null,
        defaultProfile: c.hasDefault ? 'Work' : null,
        credentials: (p) => credentialCheck(p, c.credentials),
        picker: c.picker,
        password: c.password,
      });
      const path = out.path.join(' ');
      const ok =
        path === want.path.join(' ') &&
        out.hr === want.hr &&
        out.profile === want.profile &&
        out.result === want.result &&
        // No dialog without permission (A8, A13); MAPI_NEW_SESSION never returns the shared session.
        (!out.path.includes('A9') || (c.flags & MAPI_LOGON_UI) !== 0) &&
        (!out.path.includes('A14') || (c.flags & MAPI_PASSWORD_UI) !== 0) &&
        (!(c.flags & MAPI_NEW_SESSION) || out.result !== 'joinShared');
      if (!ok) {
        mismatches++;
        first ??= `${JSON.stringify(c)}: machine ${path} ${out.hr}, flowchart ${want.path.join(' ')} ${want.hr}`;
      }
    },
    flagIndices,
    interpreter,
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(`flowchart A exhaustive check (${interpreter}): ${checked} cases in ${seconds.toFixed(1)} s (${Math.round(checked / seconds)} cases/s)`);
  return { checked, mismatches, first };
}
