#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ScenarioError, parseScenarioText } from '../schema/parseScenario.js';
import { traceScenario } from '../simulator/runScenario.js';
import { formatTextTrace } from '../trace/textTrace.js';
import { toDot, toMermaid } from '../graph/diagram.js';
import { MACHINES_BY_NAME } from '../graph/machines.js';
import { scenarioJsonSchema } from '../schema/jsonSchema.js';
import { registerConformanceKit } from './commands/conformanceKit.js';

/** Exit code of a malformed input (V-R5). */
const EXIT_BAD_INPUT = 2;

function fail(message: string): never {
  process.stderr.write(`mapi-logon: ${message}\n`);
  process.exit(EXIT_BAD_INPUT);
}

function readScenario(file: string) {
  let text: string;
  try {
    // `npm run mapi-logon -- simulate FILE` runs in the package root; INIT_CWD is where it was typed.
    text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
  } catch (error) {
    fail(`${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    return parseScenarioText(text);
  } catch (error) {
    if (error instanceof ScenarioError) fail(`${file}: ${error.message}`);
    throw error;
  }
}

const useColor = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;

export function buildCli(): Command {
  const program = new Command('mapi-logon')
    .description("Run MAPILogonEx scenarios through the flowchart machines, without Windows.")
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT))
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('simulate')
    .description('run a scenario file and print one result per call (SPEC section 8)')
    .argument('<file>', 'scenario JSON file')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'text']).default('json'))
    .addOption(
      new Option('-i, --interpreter <interpreter>', 'what runs the machines (both give the same run)').choices(['compiled', 'xstate']).default('compiled'),
    )
    .action(async (file: string, opts: { format: 'json' | 'text'; interpreter: 'compiled' | 'xstate' }) => {
      const scenario = readScenario(file);
      const steps = await traceScenario(scenario, { interpreter: opts.interpreter });
      if (opts.format === 'text') {
        process.stdout.write(formatTextTrace(steps, { color: useColor() }));
      } else {
        process.stdout.write(JSON.stringify({ results: steps.map((s) => s.result) }, null, 2) + '\n');
      }
    });

  program
    .command('diagram')
    .description('print the machines as Mermaid or Graphviz DOT, generated from their definitions')
    .addOption(new Option('-f, --format <format>', 'diagram language').choices(['mermaid', 'dot']).default('mermaid'))
    .addOption(new Option('-m, --machine <name>', 'one machine (default: all three)').choices(Object.keys(MACHINES_BY_NAME)))
    .action((opts: { format: 'mermaid' | 'dot'; machine?: string }) => {
      const names = opts.machine ? [opts.machine] : Object.keys(MACHINES_BY_NAME);
      const render = opts.format === 'dot' ? toDot : toMermaid;
      process.stdout.write(names.map((n) => render(MACHINES_BY_NAME[n]!)).join('\n'));
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (generated from the validator simulate uses)')
    .action(() => {
      process.stdout.write(JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
    });

  program
    .command('view')
    .description('serve the flowchart viewer and inspector on localhost (no network needed)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (0 picks a free one)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`--port: expected a port number from 0 to 65535, got ${JSON.stringify(v)}`);
      return n;
    }, Number(process.env.PORT ?? 4400))
    .argument('[file]', 'a scenario file to open in the viewer (checked as simulate checks it)')
    .option('--step <n>', 'the step of the run to open FILE at (from 1)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) fail(`--step: expected a step number from 1, got ${JSON.stringify(v)}`);
      return n;
    })
    .action(async (file: string | undefined, opts: { port: number; step?: number }) => {
      if (opts.step !== undefined && file === undefined) fail('--step: give a scenario FILE to open at that step');
      // The page runs the scenario itself: the link carries the file's text (compressed) and the step.
      const text = file === undefined ? undefined : (readScenario(file), readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8'));
      const { startViewerServer } = await import('../../viz/server.js');
      const { shareLink } = await import('../../viz/shareLink.js');
      try {
        const { url } = await startViewerServer(opts.port);
        const link = text === undefined ? url : shareLink(url, text, opts.step ?? 1);
        process.stdout.write(`MAPI logon viewer: ${link}\ninspector for your app: createBrowserInspector({ url: '${url}inspect' })\n`);
      } catch (error) {
        fail(`cannot serve on port ${opts.port}: ${(error as Error).message}`);
      }
    });

  registerConformanceKit(program);

  return program;
}

await buildCli().parseAsync(process.argv);
