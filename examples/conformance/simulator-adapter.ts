/**
 * A conformance adapter around this package's own simulator: it speaks the protocol of
 * docs/conformance.md on stdin/stdout, so it conforms by construction.
 *
 *   npm run --silent mapi-logon -- conform --exec "node --import tsx examples/conformance/simulator-adapter.ts"
 *
 * Everything it logs goes to stderr: stdout carries protocol lines only.
 */
import { createInterface } from 'node:readline';
import { runScenario } from '../../src/index.js';

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let id: unknown = null;
  try {
    const message = JSON.parse(line) as { type?: string; id?: unknown; scenario?: unknown };
    id = message.id;
    if (message.type !== 'scenario') throw new Error(`unknown message type ${JSON.stringify(message.type)}`);
    const { results } = await runScenario(message.scenario);
    process.stdout.write(JSON.stringify({ id, results }) + '\n');
  } catch (error) {
    process.stdout.write(JSON.stringify({ id, error: (error as Error).message }) + '\n');
  }
}
