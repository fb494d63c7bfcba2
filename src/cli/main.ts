#!/usr/bin/env node
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { ScenarioError, parseScenarioText } from '../schema/parseScenario.js';
import { traceScenario } from '../simulator/runScenario.js';
import { formatTextTrace } from '../trace/textTrace.js';
import { toDot, toMermaid } from '../graph/diagram.js';
import { MACHINES_BY_NAME } from '../graph/machines.js';
import { scenarioJsonSchema } from '../schema/jsonSchema.js';
import { oneLine, quote } from '../schema/excerpt.js';
import { readScenarioFile, UnreadableFile } from './readScenarioFile.js';
import { registerConformanceKit } from './commands/conformanceKit.js';
import { registerCheck } from './commands/check.js';

/** Exit code of a malformed input (V-R5). */
const EXIT_BAD_INPUT = 2;

/** Ends the command with `code`; `message` (if any) becomes one bounded line on stderr (V-R6). */
class CliExit extends Error {
  constructor(readonly code: number, message = '') {
    super(message);
  }
}

function fail(message: string): never {
  throw new CliExit(EXIT_BAD_INPUT, message);
}

/** Where a command writes: the process's streams, or strings when the CLI runs in-process (tests). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  color: boolean;
}

const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
};

/** A path as a message shows it: as typed when it is short and plain, else a short escaped excerpt. */
const shownPath = (file: string) => (/^[\x21-\x7e][\x20-\x7e]{0,79}$/.test(file) ? file : quote(file));

function readScenario(file: string) {
  try {
    // `npm run mapi-logon -- simulate FILE` runs in the package root; INIT_CWD is where it was typed.
    return parseScenarioText(readScenarioFile(resolve(process.env.INIT_CWD ?? process.cwd(), file)));
  } catch (error) {
    if (error instanceof ScenarioError || error instanceof UnreadableFile) fail(`${shownPath(file)}: ${error.message}`);
    throw error;
  }
}

export function buildCli(io: CliIo = processIo): Command {
  const program = new Command('mapi-logon')
    .description("Run MAPILogonEx scenarios through the flowchart machines, without Windows.")
    .exitOverride((err) => {
      throw new CliExit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
    })
    .configureOutput({
      writeOut: (s) => io.out(s),
      // Commander's errors echo the bad argument in single quotes: each line bounded, the argument an excerpt (V-R6).
      writeErr: (s) =>
        io.err(
          s
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => `${oneLine(line.replace(/'([^'\n]{41,})'/g, (_, arg: string) => quote(arg)))}\n`)
            .join(''),
        ),
    });

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
        io.out(formatTextTrace(steps, { color: io.color }));
      } else {
        io.out(JSON.stringify({ results: steps.map((s) => s.result) }, null, 2) + '\n');
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
    .option('--coverage <paths...>', 'open the coverage view of these scenario files or directories (counted as mapi-logon coverage counts)')
    .action(async (file: string | undefined, opts: { port: number; step?: number; coverage?: string[] }) => {
      if (opts.step !== undefined && file === undefined) fail('--step: give a scenario FILE to open at that step');
      if (opts.coverage && file !== undefined) fail('--coverage: name the scenarios after --coverage, not as FILE');
      let coverageLink: ((url: string) => string) | undefined;
      if (opts.coverage) {
        const { coverageReportOf, coverageLink: link } = await import('../../viz/coverageLink.js');
        const { LoadError } = await import('../conformance/loadScenarios.js');
        try {
          const report = await coverageReportOf(opts.coverage.map((p) => resolve(process.env.INIT_CWD ?? process.cwd(), p)));
          coverageLink = (url) => link(url, report);
        } catch (error) {
          if (error instanceof LoadError) fail(`--coverage: ${error.message}`);
          throw error;
        }
      }
      // The page runs the scenario itself: the link carries the file's text (compressed) and the step.
      const text = file === undefined ? undefined : (readScenario(file), readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8'));
      const { startViewerServer } = await import('../../viz/server.js');
      const { shareLink } = await import('../../viz/shareLink.js');
      try {
        const { url } = await startViewerServer(opts.port);
        const link = coverageLink ? coverageLink(url) : text === undefined ? url : shareLink(url, text, opts.step ?? 1);
        process.stdout.write(`MAPI logon viewer: ${link}\ninspector for your app: createBrowserInspector({ url: '${url}inspect' })\n`);
      } catch (error) {
        fail(`cannot serve on port ${opts.port}: ${(error as Error).message}`);
      }
    });

  registerConformanceKit(program);
  registerCheck(program);

  return program;
}

/**
 * Runs the CLI on `args` (without node and the script) and answers its exit code. A bad input
 * ends with one bounded line on stderr and code 2; nothing calls process.exit, so whatever was
 * written reaches the terminal or the pipe in full before the process ends.
 */
export async function runCli(args: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildCli(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliExit) {
      if (error.message) io.err(`mapi-logon: ${oneLine(error.message)}\n`);
      return error.code;
    }
    // A failure of our own: one line all the same, never a stack trace.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(`mapi-logon: internal error: ${oneLine(message, 200)}\n`);
    return 1;
  }
}

/** The CLI run in-process, its output as strings (tests, the fuzz test). */
export async function runCliCaptured(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t), color: false });
  return { code, stdout, stderr };
}

/** Run as a program (node, tsx, the package's bin link), not imported. */
function invokedDirectly(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  const code = await runCli(process.argv.slice(2));
  // A command may have set its own code (conform: 1 on a divergence); a failure here wins.
  if (code !== 0) process.exitCode = code;
}
