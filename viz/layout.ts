/**
 * Where each node stands, in grid cells (column, row), so the drawings look like Microsoft's:
 * decisions down the middle, results at the sides. Nodes and edges come from the machines; this is
 * only their placement. `state:*` are the machines' helper and extension states.
 */
export const LAYOUT: Record<string, Record<string, [number, number]>> = {
  sessionLogon: {
    A1: [1, 0], A2: [1, 1], A3: [0, 1], A4: [1, 2], A5: [2, 2], A6: [1, 3], A7: [2, 3], A8: [1, 4], A9: [2, 4],
    A10: [0, 4], A11: [2, 5], A12: [1, 5], A13: [2, 6], A14: [1, 6], A15: [2, 7],
    'state:userCancel': [3, 5], 'state:logonFailed': [0, 6],
  },
  providerLogon: {
    B1: [0, 0], B2: [0, 1], B3: [0, 2], B4: [0, 3], B5: [0, 4], B6: [1, 3], B7: [2, 3], B8: [1, 4], B9: [1, 5],
    B10: [2, 5], B11: [1, 6], B12: [2, 6], B13: [1, 7], B14: [2, 7], 'state:callProvider': [0, 6], 'state:answered': [0, 7],
  },
  messageService: {
    C1: [1, 0], C2: [2, 0], 'state:idle': [1, 1], C8: [0, 1], 'state:next': [1, 2], C4: [2, 2], C5: [0, 3], C3: [1, 3],
    C6: [2, 3], C7: [2, 4], 'state:disabled': [1, 4], 'state:finishedDisabled': [1, 5],
  },
};

export const MACHINE_TITLES: Record<string, string> = {
  sessionLogon: 'A · MAPILogonEx (session logon)',
  messageService: 'C · one message service',
  providerLogon: 'B · one provider (configuration verification)',
};
