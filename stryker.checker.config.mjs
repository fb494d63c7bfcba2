// `npm run mutation:checker` (machines/) and `npm run mutation:checker:subsystem` (src/subsystem/):
// how many wrong variants `mapi-logon check` finds at its default bound (issue 14). The "test" is
// the checker itself, run by the command runner with no configuration file: exit 1 (a violation,
// with a counterexample) kills a mutant, exit 0 lets it survive. Each mutant runs in a fresh
// process (`__STRYKER_ACTIVE_MUTANT__` in its environment), so module-level constants are mutated
// too. A killed mutant's report entry carries the checker's output (its statusReason): "VIOLATION
// after N call(s)" is a counterexample, a stack trace is a crash. Not incremental: the checker's
// invariants are the test, and an incremental run would not see them change.
import base from './stryker.config.mjs';

const subsystem = process.env.CHECKER_MUTATE === 'subsystem';
const name = subsystem ? 'checker-subsystem' : 'checker-machines';

export default {
  ...base,
  testRunner: 'command',
  commandRunner: { command: 'node --import tsx src/cli/main.ts check --out .stryker-counterexample.json' },
  mutate: subsystem
    ? ['src/subsystem/**/*.ts', '!src/subsystem/types.ts']
    : [
        'machines/**/*.ts',
        '!machines/index.ts',
        '!machines/types.ts',
        // The node table (ids, labels, shapes) is drawing data; its functions are mutated.
        '!machines/nodes.ts',
        'machines/nodes.ts:65-80',
      ],
  // Annotations (state and transition `meta`, setup `types`) are reported as Ignored, not run.
  plugins: ['@stryker-mutator/*', './stryker.checker.ignorers.mjs'],
  ignorers: ['machine-annotations'],
  // The command runner measures no coverage: every mutant runs the whole check.
  coverageAnalysis: 'off',
  ignoreStatic: false,
  concurrency: 1,
  // A check takes a few seconds; a hang (an endless eventless loop) is reported as a timeout.
  timeoutMS: 20000,
  incremental: false,
  incrementalFile: `reports/stryker-incremental-${name}.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  tempDirName: '.stryker-tmp/checker',
};
