import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConformCase, casesFromSuite, conform } from '../src/conformance/conform.js';
import { generateSuite } from '../src/conformance/suite.js';

/**
 * The field-to-rule table (docs/conformance.md section 3) against one-rule mutants of the
 * simulator itself: a copy of the tree with one rule broken in machines/ or src/subsystem/ must be
 * reported against that rule and no other. Deep (MAPI_DEEP=1): ~30 runs of the whole suite. A
 * mutation site that no longer exists fails the test: point it at the code that now holds the rule.
 */
const deep = Boolean(process.env.MAPI_DEEP);
const root = join(import.meta.dirname, '..');

// [rule, file, code that implements it, the same code with the rule broken]
const MUTANTS: Array<[string, string, string, string]> = [
  ["C-R5", "machines/messageService.ts", "failedBefore: ({ context }) => context.failures >= 1", "failedBefore: ({ context }) => context.failures >= 0"],
  ["C-R7", "machines/messageService.ts", "expected: 'MAPI_E_FAILONEPROVIDER' }", "expected: 'MAPI_E_NOTHING' }"],
  ["D-R4", "machines/messageService.ts", "return PROVIDER_KIND_ORDER.flatMap((kind) => providers.filter((p) => p.kind === kind));", "return [...providers];"],
  ["V-R3", "src/subsystem/validateLogon.ts", "c.profileName.length > MAX_PROFILE_NAME", "c.profileName.length >= MAX_PROFILE_NAME"],
  ["S-R4", "src/subsystem/validateLogon.ts", "if (c.clientHoldsSession) return", "if (false) return"],
  ["V-R2", "src/subsystem/validateLogon.ts", "if ((c.flags & MAPI_LOGON_UI) !== 0 && (c.flags & MAPI_PASSWORD_UI) !== 0) return", "if (false) return"],
  ["C-R9", "src/subsystem/createMapiSubsystem.ts", "input.session) >= limit", "input.session) > limit"],
  ["A-R2", "machines/sessionLogon.ts", "profiles.find((p) => sameProfileName(p.name, name))", "profiles.find((p) => p.name === name)"],
  ["B-R1", "machines/providerLogon.ts", "storesConfig: ({ context }) => context.provider.storesConfig,", "storesConfig: ({ context }) => true,"],
  ["D-R3", "machines/session.ts", "candidates.find((c) => c.def.primaryIdentity === true) ?? candidates[0]", "candidates[0]"],
  ["C-R3", "machines/session.ts", "const noMail = (flags: number) => (flags & MAPI_NO_MAIL) !== 0;", "const noMail = (flags: number) => false;"],
  ["A-R7", "src/subsystem/createMapiSubsystem.ts", "(flags & MAPI_ALLOW_OTHERS) !== 0 && sessions.shared === null", "(flags & MAPI_ALLOW_OTHERS) !== 0"],
  ["S-R2", "machines/session.ts", "!context.shared || (params.flags & MAPI_LOGOFF_SHARED) !== 0 || context.clients.every", "!context.shared || context.clients.every"],
  ["C-R2", "machines/sessionLogon.ts", "export const transportsInLogon = (flags: number) => (flags & MAPI_FORCE_DOWNLOAD) !== 0 && (flags & MAPI_NO_MAIL) === 0;", "export const transportsInLogon = (flags: number) => false;"],
  ["T-R2", "src/subsystem/statusTable.ts", "session.spooler === 'told' ? 'STATUS_AVAILABLE' : 'STATUS_FAILURE'", "'STATUS_AVAILABLE'"],
  ["T-R4", "src/subsystem/statusTable.ts", "def.primaryIdentity === true));", "false));"],
  ["S-R1", "src/subsystem/createMapiSubsystem.ts", "      initCount--;\n", "      initCount = 0;\n"],
  ["T-R3", "src/subsystem/statusTable.ts", "of loggedOnProviders(session)) {", "of [...loggedOnProviders(session)].reverse()) {"],
  ["T-R1", "src/subsystem/statusTable.ts", "    row(ADDRESS_BOOK_ROW_NAME, 'integratedAddressBook', null, 'STATUS_AVAILABLE', 'MAPI_AB', false),\n", ""],
  ["V-R1", "src/subsystem/validateLogon.ts", "if (unknownBits(c.flags, LOGON_FLAGS) !== 0) return", "if (false) return"],
  ["V-R4", "src/subsystem/validateLogon.ts", "if (c.password !== null) return", "if (false) return"],
  ["A-R4", "machines/sessionLogon.ts", "{ target: 'logonFailed', meta: { extension: 'A-R4' } }", "{ target: 'userCancel', meta: { extension: 'A-R4' } }"],
  ["A-R6", "machines/sessionLogon.ts", "useDefault: ({ context }) => (context.flags & MAPI_USE_DEFAULT) !== 0,", "useDefault: ({ context }) => (context.flags & (MAPI_USE_DEFAULT | 0x10)) !== 0,"],
  ["A-R1", "machines/sessionLogon.ts", "({ profile: context.sharedSession!.profile })", "({ profile: context.profileName })"],
  ["A-R9", "machines/session.ts", "if (context.spooler === 'told' || noMail(params.client.flags)) return { clients };", "if (true) return { clients };"],
  ["C-R4", "machines/sessionLogon.ts", "uiAllowed: (context.flags & MAPI_LOGON_UI) !== 0,", "uiAllowed: true,"],
  ["C-R1", "machines/messageService.ts", "serviceUiAlways: ({ context }) => (context.flags & MAPI_SERVICE_UI_ALWAYS) !== 0,", "serviceUiAlways: ({ context }) => false,"],
  ["B-R3", "machines/providerLogon.ts", "params: { answers: ['cancel'] } }, target: 'B14'", "params: { answers: ['cancel', 'accidental-cancel'] } }, target: 'B14'"],
  ["C-R6", "machines/messageService.ts", "Object.assign({}, p, { state: 'disabled' as const })", "(p.state === 'loggedOn' ? p : Object.assign({}, p, { state: 'disabled' as const }))"],
  ["A-R3", "machines/sessionLogon.ts", "            target: 'userCancel',\n            meta: { extension: 'A-R3' },", "            target: 'logonFailed',\n            meta: { extension: 'A-R3' },"],
  ["A-R8", "src/subsystem/validateLogon.ts", "if (unknownBits(c.flags, LOGON_FLAGS) !== 0)", "if (unknownBits(c.flags, { ...LOGON_FLAGS, MAPI_BG_SESSION: 0 }) !== 0)"],
  ["B-R4", "src/subsystem/createMapiSubsystem.ts", "if (!app) return noteLoggedOn(input, 'S_OK');", "if (!app || input.attempt > 1) return noteLoggedOn(input, 'S_OK');"],
  ["D-R1", "machines/sessionLogon.ts", "export const transportsInLogon = (flags: number) => (flags & MAPI_FORCE_DOWNLOAD) !== 0 && (flags & MAPI_NO_MAIL) === 0;", "export const transportsInLogon = (flags: number) => (flags & MAPI_NO_MAIL) === 0;"],
];

let copy: string;
let cases: ConformCase[];
beforeAll(async () => {
  if (!deep) return;
  copy = mkdtempSync(join(tmpdir(), 'mapi-logon-mutant-'));
  const skip = new Set(['node_modules', '.git', 'dist', 'reports', 'coverage']);
  cpSync(root, copy, { recursive: true, filter: (src) => !skip.has(relative(root, src).split(/[\\/]/)[0]!) });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  cases = casesFromSuite((await generateSuite()).cases);
}, 600_000);
afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe.skipIf(!deep)('each one-rule mutant of the simulator is reported against its rule only (MAPI_DEEP=1)', () => {
  it.each(MUTANTS)('%s', async (rule, file, original, broken) => {
    const path = join(copy, file);
    const text = readFileSync(path, 'utf8');
    expect(text.includes(original), `mutation site for ${rule} not found in ${file}: ${original}`).toBe(true);
    writeFileSync(path, text.replace(original, broken));
    try {
      const adapter = `"${process.execPath}" --import tsx examples/conformance/simulator-adapter.ts`;
      const report = await conform(adapter, cases, { cwd: copy, timeoutMs: 60_000, shrinkRuns: 0 });
      expect(report.failures).toEqual([]);
      expect(report.divergences.map((d) => d.rule)).toEqual([rule]);
    } finally {
      writeFileSync(path, text);
    }
  });
});
