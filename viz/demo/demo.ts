import { createBrowserInspector } from '@statelyai/inspect';
import { createMapiSubsystem } from '../../src/subsystem/createMapiSubsystem.js';

/**
 * A small app whose actors report to the viewer through @statelyai/inspect: it logs on with a
 * provider that waits for a button, so the inspector shows it standing in flowchart B.
 */
const inspector = createBrowserInspector({ url: `${location.origin}/inspect` });
let release: (() => void) | undefined;
const mapi = createMapiSubsystem({
  profiles: [{ name: 'Demo', default: true, services: [{ name: 'Exchange', providers: [{ name: 'GAL', kind: 'addressBook' }, { name: 'Mailbox', kind: 'store', configured: false }] }] }],
  inspect: inspector.inspect,
  dialogs: { providerConfig: () => new Promise((resolve) => (release = () => resolve('complete'))) },
});

const out = document.getElementById('out')!;
document.getElementById('logon')!.addEventListener('click', async () => {
  await mapi.initialize();
  out.textContent = 'logging on… (the Mailbox asks for its configuration)';
  const r = await mapi.logonEx({ profileName: null, flags: ['MAPI_LOGON_UI', 'MAPI_USE_DEFAULT'], client: 'demo' });
  out.textContent = `logon: ${r.hr}, path ${r.path.join(' ')}`;
});
document.getElementById('answer')!.addEventListener('click', () => release?.());
