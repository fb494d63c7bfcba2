// An app with its own async providers and dialogs: MAPI's documented behaviour comes from the machines.
// Run: npx tsx examples/custom-providers.ts
import { createMapiSubsystem, type ProviderLogonContext } from '../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A transport whose server is down on the first try; an address book that prefers to be skipped.
async function providerLogon(ctx: ProviderLogonContext) {
  await sleep(5);
  if (ctx.provider === 'SMTP' && ctx.attempt === 1) return 'MAPI_E_NETWORK_ERROR';
  if (ctx.provider === 'LDAP') return 'MAPI_E_FAILONEPROVIDER';
  return 'S_OK';
}

const mapi = createMapiSubsystem({
  profiles: [
    {
      name: 'Work',
      default: true,
      services: [
        { name: 'Exchange', providers: [{ name: 'GAL', kind: 'addressBook' }, { name: 'Mailbox', kind: 'store', configured: false }] },
        { name: 'Internet', providers: [{ name: 'LDAP', kind: 'addressBook' }, { name: 'SMTP', kind: 'transport' }] },
      ],
    },
  ],
  providerLogon,
  dialogs: {
    // The user fills in the Mailbox's settings, and agrees to retry the failed transport.
    providerConfig: async ({ provider }) => (await sleep(5), provider === 'Mailbox' ? 'complete' : 'cancel'),
    retry: async ({ provider, hr }) => (console.log(`  dialog: ${provider} failed with ${hr}; retry? yes`), 'retry'),
  },
});

await mapi.initialize();
const outlook = await mapi.logonEx({ client: 'outlook', profileName: null, flags: ['MAPI_LOGON_UI', 'MAPI_USE_DEFAULT', 'MAPI_ALLOW_OTHERS'] });
console.log(`outlook: ${outlook.hr}, session ${outlook.session?.id}${outlook.shared ? ' (shared)' : ''}, path ${outlook.path.join(' ')}`);
// MAPILogonEx has returned; the spooler now starts the transports (D-R1). Wait for it to see them.
const started = await outlook.spoolerStart;
for (const s of started?.services ?? outlook.services) {
  console.log(`  ${s.name}: ${s.state} ${s.path.join(' ')} — ${s.providers.map((p) => `${p.name} ${p.state} (${p.phase})`).join(', ')}`);
}

// A second client joins the shared session without any provider logon (A-R1).
const addin = await mapi.logonEx({ client: 'addin', flags: [] });
console.log(`addin: ${addin.hr}, joined ${addin.session?.id}, path ${addin.path.join(' ')}`);

const table = await outlook.session!.statusTable();
console.log(`status table: ${table.rows.map((r) => `${r.name}=${r.status === 'STATUS_AVAILABLE' ? 'ok' : 'failed'}`).join(', ')}`);
console.log(`logoff outlook: ${(await outlook.session!.logoff()).hr}, logoff addin (last client): ended=${(await addin.session!.logoff()).ended}`);
