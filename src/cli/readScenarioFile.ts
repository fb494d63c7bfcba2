import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** V-R6: the largest scenario file read (the examples are a few KiB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A file that cannot be a scenario's text, with one short line saying why. */
export class UnreadableFile extends Error {}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Reads at most MAX_FILE_BYTES + 1 bytes, so a huge file, a FIFO or /dev/zero never fills memory. */
function readBounded(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UnreadableFile(code === 'EISDIR' ? 'a directory, not a scenario file' : `cannot read the file (${code ?? 'unknown error'})`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new UnreadableFile('a directory, not a scenario file');
    if (stat.isFile() && stat.size > MAX_FILE_BYTES) {
      throw new UnreadableFile(`too large (${mib(stat.size)}; a scenario file is at most ${mib(MAX_FILE_BYTES)})`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, MAX_FILE_BYTES + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new UnreadableFile(code === 'EISDIR' ? 'a directory, not a scenario file' : `cannot read the file (${code ?? 'unknown error'})`);
      }
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > MAX_FILE_BYTES) throw new UnreadableFile(`too large (more than ${mib(MAX_FILE_BYTES)}; a scenario file is at most ${mib(MAX_FILE_BYTES)})`);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** The offset of the first byte that is not UTF-8, given the non-fatal decoding of `bytes`. */
function firstBadByte(bytes: Buffer, decoded: string): number {
  for (let i = decoded.indexOf('\ufffd'); i !== -1; i = decoded.indexOf('\ufffd', i + 1)) {
    const offset = Buffer.byteLength(decoded.slice(0, i));
    // A U+FFFD the file really holds is written EF BF BD; anything else is where decoding failed.
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return 0;
}

const hex = (b: number | undefined) => `0x${(b ?? 0).toString(16).padStart(2, '0')}`;

/**
 * A scenario file's text: UTF-8 (a byte-order mark is kept for the parser to skip), not empty,
 * not a directory, at most MAX_FILE_BYTES. Anything else throws UnreadableFile with a short reason.
 */
export function readScenarioFile(path: string): string {
  const bytes = readBounded(path);
  if (bytes.length === 0) throw new UnreadableFile('empty file (expected a scenario: a JSON object with "profiles" and "calls")');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new UnreadableFile('not UTF-8 text: it starts with a UTF-16 byte-order mark (save it as UTF-8)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const offset = firstBadByte(bytes, decoded);
    throw new UnreadableFile(`not UTF-8 text: byte ${hex(bytes[offset])} at offset ${offset} (save it as UTF-8)`);
  }
}
