import { startInspector } from './inspector.js';
import { startViewer } from './viewer.js';

// The receiver must exist when the app's first events (with the definitions) arrive: start on load.
window.addEventListener('load', () => {
  const root = document.getElementById('app')!;
  if (location.pathname.startsWith('/inspect')) startInspector(root);
  else void startViewer(root);
});
