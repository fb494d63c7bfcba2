import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getStateNodes } from 'xstate/graph';
import { toDot, toMermaid } from '../src/graph/diagram.js';
import { MACHINES_BY_NAME } from '../src/graph/machines.js';
import { withDiagrams } from '../src/graph/readmeDiagrams.js';

const safe = (id: string) => id.replace(/[^A-Za-z0-9_]/g, '_');

describe.each(Object.entries(MACHINES_BY_NAME))('diagrams of %s', (name, machine) => {
  const states = getStateNodes(machine.root).filter((s) => s !== machine.root);

  it('Mermaid: every state appears, and every transition', () => {
    const out = toMermaid(machine);
    expect(out.startsWith('stateDiagram-v2\n')).toBe(true);
    for (const s of states) expect(out, s.id).toContain(` as ${safe(s.id)}`);
    const arrows = out.split('\n').filter((l) => / --> /.test(l) && !l.includes('[*]')).length;
    expect(arrows).toBeGreaterThanOrEqual(states.length - 1);
  });

  it('DOT: every state appears, extension edges dashed', () => {
    const out = toDot(machine);
    expect(out.startsWith(`digraph "${name}" {`)).toBe(true);
    for (const s of states) expect(out, s.id).toMatch(new RegExp(`\\b${safe(s.id)} \\[label=`));
    // The machines with extension edges (A-R3, A-R4, B-R1, B-R4) draw them dashed.
    if (name === 'sessionLogon' || name === 'providerLogon') expect(out).toContain('style=dashed');
    // Braces balance: a cluster per compound state.
    expect(out.split('{').length).toBe(out.split('}').length);
  });
});

it('README.md embeds the current Mermaid diagrams (npm run diagrams)', () => {
  const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
  expect(withDiagrams(readme)).toBe(readme);
});
