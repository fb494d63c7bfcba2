import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The runner's side of the conformance protocol (docs/conformance.md): one persistent process,
 * JSON lines both ways; one `{"type":"scenario","id","scenario"}` out, one `{"id","results"}` back.
 */
export type ImplAnswer =
  | { ok: true; results: unknown[] }
  | { ok: false; reason: 'timeout' | 'crash' | 'garbage' | 'error'; detail: string };

/** A line longer than this is garbage (a runaway writer, not an answer). */
const MAX_LINE = 64 * 1024 * 1024;
const STDERR_KEEP = 2000;

const excerpt = (s: string, n = 200) => {
  const t = s.replace(/[\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return t.length > n ? `${t.slice(0, n)}… (${s.length} characters)` : t;
};

export class ExternalImplementation {
  private child: ChildProcess | null = null;
  private buffer = '';
  private stderr = '';
  private waiting: ((line: string | null, why?: string) => void) | null = null;
  private lines: string[] = [];
  private exited: string | null = null;
  private counter = 0;
  /** How many times the process was started (a crash, timeout or garbage restarts it). */
  starts = 0;

  constructor(
    readonly command: string,
    readonly timeoutMs = 10_000,
    readonly cwd: string = process.cwd(),
  ) {}

  private start(): ChildProcess {
    this.starts++;
    this.buffer = '';
    this.lines = [];
    this.exited = null;
    this.stderr = '';
    // Its own process group, so a timeout ends the command and anything it started.
    const child = spawn(this.command, { shell: true, cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        this.deliver(this.buffer.slice(0, nl).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(nl + 1);
      }
      if (this.buffer.length > MAX_LINE) {
        this.deliver(this.buffer);
        this.buffer = '';
      }
    });
    child.stderr!.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_KEEP);
    });
    // A process that exits or never starts: whoever waits is told.
    const gone = (why: string) => {
      if (this.child !== child) return;
      this.exited = why;
      this.child = null;
      const w = this.waiting;
      this.waiting = null;
      w?.(null, why);
    };
    child.on('error', (error) => gone(`could not run it: ${error.message}`));
    child.on('exit', (code, signal) => gone(signal ? `it was killed by ${signal}` : `it exited with code ${code}`));
    child.stdin!.on('error', () => {
      /* EPIPE when it died: reported by 'exit' */
    });
    this.child = child;
    return child;
  }

  private deliver(line: string) {
    if (line.trim() === '') return;
    const w = this.waiting;
    if (w) {
      this.waiting = null;
      w(line);
    } else this.lines.push(line);
  }

  private nextLine(timeoutMs: number): Promise<{ line: string } | { gone: string } | { timeout: true }> {
    if (this.lines.length) return Promise.resolve({ line: this.lines.shift()! });
    if (!this.child) return Promise.resolve({ gone: this.exited ?? 'it is not running' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve({ timeout: true });
      }, timeoutMs);
      this.waiting = (line, why) => {
        clearTimeout(timer);
        resolve(line === null ? { gone: why ?? 'it exited' } : { line });
      };
    });
  }

  private stderrTail(): string {
    const t = this.stderr.trim();
    if (!t) return '';
    // The lines that say what went wrong: an error line if there is one, else the last lines.
    const lines = t.split('\n').map((l) => l.trim()).filter(Boolean);
    const error = lines.find((l) => /error|exception|traceback/i.test(l));
    const shown = error ? [error, ...lines.slice(-2).filter((l) => l !== error)] : lines.slice(-3);
    return `; its stderr says: ${excerpt(shown.join(' | '), 400)}`;
  }

  /** Sends one scenario and waits for its results (a fresh process after any failure). */
  async run(name: string, scenario: unknown, retried = false): Promise<ImplAnswer> {
    const fresh = !this.child;
    const child = this.child ?? this.start();
    const id = `${name}#${++this.counter}`;
    const message = JSON.stringify({ type: 'scenario', id, scenario }) + '\n';
    child.stdin!.write(message);
    const got = await this.nextLine(this.timeoutMs);
    if ('timeout' in got) {
      const detail = `no answer within ${this.timeoutMs} ms${this.stderrTail()}`;
      this.kill();
      return { ok: false, reason: 'timeout', detail };
    }
    if ('gone' in got) {
      // A process that exits after each answer (one scenario per run) may get the next message
      // while it is exiting: send it once more to a fresh process before calling it a crash.
      if (!fresh && !retried) {
        this.kill();
        return this.run(name, scenario, true);
      }
      const detail = `${got.gone} before answering${this.stderrTail()}`;
      this.kill();
      return { ok: false, reason: 'crash', detail };
    }
    const fail = (detail: string): ImplAnswer => {
      this.kill();
      return { ok: false, reason: 'garbage', detail };
    };
    let answer: unknown;
    try {
      answer = JSON.parse(got.line);
    } catch {
      return fail(`answered a line that is not JSON: ${excerpt(got.line)}`);
    }
    const a = answer as { id?: unknown; results?: unknown; error?: unknown };
    if (!a || typeof a !== 'object' || Array.isArray(a)) return fail(`answered ${excerpt(got.line)}, not an object`);
    if (a.id !== id) return fail(`answered id ${excerpt(JSON.stringify(a.id) ?? 'none')}, expected ${JSON.stringify(id)}`);
    if (typeof a.error === 'string') return { ok: false, reason: 'error', detail: `it reported an error: ${excerpt(a.error, 300)}` };
    if (!Array.isArray(a.results)) return fail(`its answer to ${JSON.stringify(id)} has no "results" list: ${excerpt(got.line)}`);
    return { ok: true, results: a.results };
  }

  private kill() {
    const child = this.child;
    this.child = null;
    this.waiting = null;
    if (!child || child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }

  /** Closes its stdin (the end of the session) and waits a moment for it to exit. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.stdin!.end();
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.kill();
        resolve();
      }, 2000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.child = null;
  }
}
