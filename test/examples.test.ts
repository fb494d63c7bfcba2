import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = (file: string) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'examples', file)], { cwd: root, encoding: 'utf8' });

describe('the examples run', () => {
  it('custom-providers.ts: async providers and dialogs, a shared session joined, the status table', () => {
    const r = run('custom-providers.ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('outlook: S_OK, session s1 (shared), path A1 A2 A4 A6 A7 A11 A12');
    expect(r.stdout).toContain('Internet: enabled C1 C3 C5 C3 C6 C3 C8 — LDAP skipped (logon), SMTP loggedOn (spooler)');
    expect(r.stdout).toContain('addin: S_OK, joined s1, path A1 A2 A3');
    expect(r.stdout).toContain('ended=true');
  });

  it('raw-machines.ts: the session machine with createActor and .provide()', () => {
    const r = run('raw-machines.ts');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('MAPI_PASSWORD_UI: S_OK, path A1 → A2 → A4 → A5 → A11 → A13 → A14 → A12');
    expect(r.stdout).toContain('MAPI_LOGON_UI: MAPI_E_LOGON_FAILED, path A1 → A2 → A4 → A5 → A11 → A13 → A15');
    expect(r.stdout).toContain('compiled, MAPI_PASSWORD_UI: S_OK, path A1 → A2 → A4 → A5 → A11 → A13 → A14 → A12');
  });
});
