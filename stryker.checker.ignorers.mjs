// Ignorers for `npm run mutation:checker`: parts of the machines that are annotations, not
// behaviour. A mutant there changes nothing any call answers (the flowchart drawings and their
// tests read the `meta`; `types` exists for TypeScript only), so it is reported as Ignored, with
// the reason, instead of being run.
import { PluginKind, declareValuePlugin } from '@stryker-mutator/api/plugin';

const keyName = (node) => (node.computed ? null : node.key.type === 'Identifier' ? node.key.name : node.key.type === 'StringLiteral' ? node.key.value : null);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'machine-annotations', {
    shouldIgnore(path) {
      const node = path.node;
      if (node.type !== 'ObjectProperty') return undefined;
      const key = keyName(node);
      if (key === 'meta') return 'meta: flowchart node, edge and rule annotations (drawings), no behaviour';
      if (key === 'types') return 'setup types: TypeScript only, no behaviour';
      return undefined;
    },
  }),
];
