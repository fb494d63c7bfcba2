// Rewrites the Mermaid diagrams in README.md from the machine definitions: `npm run diagrams`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withDiagrams } from '../../src/graph/readmeDiagrams.js';

const readme = join(import.meta.dirname, '../../README.md');
writeFileSync(readme, withDiagrams(readFileSync(readme, 'utf8')));
console.log('README.md diagrams updated');
