// Issue 11 / D-R5: the memory a subsystem keeps per session that has ended. Heap after `total`
// logon/logoff cycles minus heap after `warm`, divided by the cycles between (one live session
// is held throughout, so the subsystem is never empty).
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { logonProfiles } from './workloads.js';

export interface RetainedPerEnded {
  bytesPerEnded: number;
  cycles: number;
  interpreter: 'xstate' | 'compiled';
  /** state() with every ended session behind it, ms. */
  stateMs: number;
}

export async function retainedPerEnded(total: number, warm: number, interpreter: 'xstate' | 'compiled'): Promise<RetainedPerEnded | null> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  const mapi = createMapiSubsystem({ profiles: logonProfiles(1, 3), interpreter });
  await mapi.initialize();
  await mapi.logonEx({ profileName: 'Work', client: 'keeper' });
  const cycle = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const r = await mapi.logonEx({ profileName: 'Work', client: 'cycling' });
      await r.session!.logoff();
    }
  };
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  await cycle(warm);
  const before = heap();
  await cycle(total - warm);
  const after = heap();
  const t = performance.now();
  for (let i = 0; i < 100; i++) mapi.state();
  return { bytesPerEnded: Math.round(((after - before) / (total - warm)) * 10) / 10, cycles: total, interpreter, stateMs: Math.round(((performance.now() - t) / 100) * 1000) / 1000 };
}
