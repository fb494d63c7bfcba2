import { createBrowserInspector } from '@statelyai/inspect';
import { createMapiSubsystem } from '../../src/subsystem/createMapiSubsystem.js';

/**
 * A small app whose actors report to the viewer through @statelyai/inspect: it logs on with a
 * provider that waits for a button, so the inspector shows it standing in flowchart B.
 *
 * The inspector window opens on the click, not at load: browsers block a `window.open` without
 * a user gesture. Events wait in the adapter until the window says it is connected, so the
 * deferred buffer is large enough for a whole logon (the library keeps only the last 200).
 */
const inspector = createBrowserInspector({ url: new URL('inspect.html', location.href).href, autoStart: false, maxDeferredEvents: 5_000 });
const out = document.getElementById('out')!;
let release: (() => void) | undefined;
let started = false;
const mapi = createMapiSubsystem({
  profiles: [{ name: 'Demo', default: true, services: [{ name: 'Exchange', providers: [{ name: 'GAL', kind: 'addressBook' }, { name: 'Mailbox', kind: 'store', configured: false }] }] }],
  inspect: inspector.inspect,
  dialogs: {
    providerConfig: () =>
      new Promise((resolve) => {
        release = () => resolve('complete');
        out.dataset.waiting = 'providerConfig';
      }),
  },
});

document.getElementById('logon')!.addEventListener('click', async () => {
  if (!started) inspector.start();
  started = true;
  await mapi.initialize();
  out.textContent = 'logging on… (the Mailbox asks for its configuration)';
  const r = await mapi.logonEx({ profileName: null, flags: ['MAPI_LOGON_UI', 'MAPI_USE_DEFAULT'], client: 'demo' });
  delete out.dataset.waiting;
  out.textContent = `logon: ${r.hr}, path ${r.path.join(' ')}`;
});
document.getElementById('answer')!.addEventListener('click', () => release?.());
