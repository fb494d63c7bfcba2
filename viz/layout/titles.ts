import type { AnyStateMachine } from 'xstate';
import { firstNode } from '../../src/graph/machines.js';

// What each drawing is about, in words; a machine not listed here is titled by its id.
const ABOUT: Record<string, string> = {
  sessionLogon: 'MAPILogonEx',
  messageService: 'message service',
  providerLogon: 'provider logon',
  session: 'live session',
};

/** `A · MAPILogonEx (session logon)`: the drawing's letter, then what it is about. */
export function chartTitle(name: string, machine: AnyStateMachine): string {
  const letter = firstNode(machine)?.replace(/\d+$/, '') ?? '';
  const about = ABOUT[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return letter ? `${letter} · ${about}` : about;
}
