// One logon + logoff figure, measured alone in this process (bench/run.ts spawns it): the other
// sections' compiled code and garbage would otherwise be part of what it measures.
// Usage: node --import tsx bench/logonMedian.ts SERVICES PROVIDERS xstate|compiled TIME_MS
import { Bench } from 'tinybench';
import { createMapiSubsystem } from '../src/subsystem/createMapiSubsystem.js';
import { logonProfiles } from './workloads.js';

const [services, providers, interpreter, time] = process.argv.slice(2);
const mapi = createMapiSubsystem({ profiles: logonProfiles(Number(services), Number(providers)), interpreter: interpreter as 'xstate' | 'compiled' });
await mapi.initialize();
// A second of logons first: the figure is the steady cost of a long-lived app, not its first calls'
// (with tinybench's default 250 ms warm-up, 600 ms windows read 550–730 µs where 2 s read ~525).
const bench = new Bench({ time: Number(time), warmupTime: 1000 });
let n = 0;
bench.add('logon', async () => {
  const r = await mapi.logonEx({ profileName: 'Work', client: `c${n++}` });
  await r.session!.logoff();
});
await bench.run();
const p50 = (bench.tasks[0]!.result as { latency: { p50: number } }).latency.p50;
process.stdout.write(`${JSON.stringify({ medianUs: p50 * 1000 })}\n`);
