import type { LaidOutChart } from '../layout/types.js';
import { startInspector } from './inspector.js';
import { startViewer } from './viewer.js';

// The charts' layouts, computed with ELK at build time (viz/build.ts) and bundled in.
declare const __CHARTS__: LaidOutChart[];

// The receiver must exist when the app's first events (with the definitions) arrive: start on load.
window.addEventListener('load', () => {
  const root = document.getElementById('app')!;
  if (document.body.dataset.page === 'inspect') startInspector(root, __CHARTS__);
  else void startViewer(root, __CHARTS__);
});
