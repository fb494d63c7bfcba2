import pc from 'picocolors';
import { NODES } from '../../machines/nodes.js';
import { edgeLabel } from '../graph/edgeLabels.js';
import { LOGOFF_FLAGS, LOGON_FLAGS } from '../constants/flags.js';
import { HRESULTS } from '../constants/hresults.js';
import { flagNames, parseFlags } from '../constants/parseFlags.js';
import type {
  InitCallResult,
  LogoffCallResult,
  LogonCallResult,
  QueryIdentityCallResult,
  StatusTableCallResult,
  TraceStep,
  UninitCallResult,
} from '../simulator/runScenario.js';

type Colors = ReturnType<typeof pc.createColors>;

const hex = (value: number) => `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;

function hrText(c: Colors, hr: keyof typeof HRESULTS): string {
  const text = `${hr} (${hex(HRESULTS[hr])})`;
  if (hr === 'S_OK') return c.green(text);
  // Warnings (severity bit clear) are successes (C-R5).
  return (HRESULTS[hr] & 0x80000000) === 0 ? c.yellow(text) : c.red(text);
}

function flagsText(flags: number | readonly string[], table: Record<string, number>): string {
  const value = parseFlags(flags, table);
  const names = flagNames(value, table);
  return names.length ? names.join(' | ') : '0';
}

function nodeLines(c: Colors, path: string[], indent: string): string[] {
  return path.map((id, i) => {
    const answer = i + 1 < path.length ? edgeLabel(id, path[i + 1]!) : undefined;
    return `${indent}${c.cyan(id.padEnd(4))}${NODES[id]?.label ?? ''}${answer ? ` ${c.yellow(answer)}` : ''}`;
  });
}

function logonLines(c: Colors, step: TraceStep, r: LogonCallResult): string[] {
  const call = step.call as Extract<TraceStep['call'], { op: 'logon' }>;
  const lines = [
    `  flags ${flagsText(call.flags, LOGON_FLAGS)}, profile name ${JSON.stringify(call.profileName)}`,
    `  → ${hrText(c, r.hr)}` +
      (r.session ? `, session ${c.bold(r.session)}${r.shared ? ' (shared)' : ''}` : ', no session') +
      (r.profile !== null ? `, profile ${JSON.stringify(r.profile)}` : '') +
      (r.spooler ? `, spooler ${r.spooler === 'told' ? 'told' : c.yellow('not told')}` : ''),
    ...nodeLines(c, r.path, '    '),
  ];
  for (const d of step.dialogs) lines.push(`    ${c.magenta('dialog')} ${d.kind} → ${JSON.stringify(d.answer)}`);
  for (const s of r.services) {
    const state = s.state === 'enabled' ? c.green(s.state) : c.red(s.state);
    lines.push(`    ${c.bold('service')} ${JSON.stringify(s.name)}: ${state}, ${s.failures} failure(s)`);
    lines.push(...nodeLines(c, s.path, '      '));
    for (const p of s.providers) {
      const ps = p.state === 'loggedOn' ? c.green(p.state) : p.state === 'notStarted' ? c.dim(p.state) : c.red(p.state);
      const by = p.phase === 'spooler' ? ', started by the spooler' : '';
      lines.push(`      ${c.bold('provider')} ${JSON.stringify(p.name)} (${p.kind}): ${ps}, last answer ${p.hr ?? 'none'}, ${p.attempts} attempt(s)${by}`);
      p.paths.forEach((path, i) => {
        lines.push(`        attempt ${i + 1}: answered ${p.hrs[i] ?? 'nothing'}`);
        lines.push(...nodeLines(c, path, '          '));
      });
    }
  }
  return lines;
}

/** The readable trace of a run: each call, the nodes with their text, dialogs, states, status table. */
export function formatTextTrace(steps: TraceStep[], options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const out: string[] = [];
  steps.forEach((step, i) => {
    const r = step.result;
    const who = r.client !== undefined ? ` ${JSON.stringify(r.client)}` : '';
    out.push(`${c.dim(`[${i + 1}]`)} ${c.bold(r.op)}${who}${r.op === 'logon' ? '' : ` → ${hrText(c, r.hr)}`}`);
    if (r.op === 'initialize') out.push(`  reference count ${(r as InitCallResult).initCount}`);
    if (r.op === 'uninitialize') {
      const u = r as UninitCallResult;
      out.push(`  reference count ${u.initCount}`);
      for (const e of u.endedSessions) out.push(`  session ${e.session} ended; logged off: ${e.loggedOff.join(', ') || 'none'}`);
    }
    if (r.op === 'logon') out.push(...logonLines(c, step, r as LogonCallResult));
    if (r.op === 'logoff') {
      const l = r as LogoffCallResult;
      const call = step.call as Extract<TraceStep['call'], { op: 'logoff' }>;
      out.push(`  flags ${flagsText(call.flags, LOGOFF_FLAGS)}, session ${l.session ?? 'none'}${l.ended ? ', session ended' : ''}`);
      if (l.loggedOff.length) out.push(`  logged off: ${l.loggedOff.join(', ')}`);
      if (l.notified.length) out.push(`  notified: ${l.notified.join(', ')}`);
    }
    if (r.op === 'queryIdentity') {
      const id = (r as QueryIdentityCallResult).identity;
      out.push(id ? `  identity ${JSON.stringify(id.display)} of ${JSON.stringify(id.provider)} (${JSON.stringify(id.service)})` : '  no identity');
    }
    if (r.op === 'statusTable') {
      for (const row of (r as StatusTableCallResult).rows) {
        const status = row.status === 'STATUS_AVAILABLE' ? c.green(row.status) : c.red(row.status);
        const primary = row.primaryIdentity ? ' STATUS_PRIMARY_IDENTITY' : '';
        out.push(`    ${row.name.padEnd(24)} ${row.resourceType.padEnd(24)} ${status}${primary}`);
      }
    }
  });
  return out.join('\n') + '\n';
}
