import { describe, expect, it } from 'vitest';
import { NODES, nodeMeta } from '../machines/nodes.js';

// The machines call nodeMeta while they are defined (at import); this calls it while a test runs,
// so a nodeMeta that throws for known nodes fails here and not only at import.
describe('the flowchart nodes (docs/spec.md sections 2-4 and 9)', () => {
  it('nodeMeta gives every known node its id, label and shape', () => {
    expect(nodeMeta('A1')).toEqual({ node: 'A1', label: 'MAPI_NEW_SESSION set?', shape: 'start' });
    expect(nodeMeta('D5')).toEqual({ node: 'D5', label: 'Ended', shape: 'end' });
    for (const [id, info] of Object.entries(NODES)) expect(nodeMeta(id)).toEqual({ node: id, label: info.label, shape: info.shape });
  });
});
