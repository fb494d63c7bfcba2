/**
 * V-R6: a message about bad input quotes at most a short, escaped excerpt of it, and is one line
 * of bounded length, whatever the input held (a 1 MB value, escape bytes, newlines, bidi controls).
 */

/** The longest excerpt of a bad value a message quotes (escaped characters count as written). */
export const MAX_EXCERPT = 40;
/** The longest message line. */
export const MAX_LINE = 300;

/**
 * Characters never written raw: C0 and C1 controls, DEL, line and paragraph separators, bidi
 * controls and marks, zero-width characters, the BOM, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function escapeChar(c: string): string {
  return SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character written as an escape (`\n`, `\u001b`…). */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/** The escaped form of `value` as it would sit between double quotes. */
function escapeQuoted(value: string): string {
  return escapeUnsafe(value.replace(/[\\"]/g, (c) => `\\${c}`));
}

/**
 * A string quoted and escaped, cut to at most `max` written characters (never inside an escape
 * or a surrogate pair), with its full length when cut: `"abc…" (1048576 chars)`.
 */
export function quote(value: string, max = MAX_EXCERPT): string {
  // Escapes write at most 6 characters for one, so this prefix is enough to fill `max`.
  const head = escapeQuoted(value.slice(0, max + 1));
  if (head.length <= max && value.length <= max) return `"${head}"`;
  let cut = '';
  for (const piece of head.match(/\\u[0-9a-f]{4}|\\.|[\ud800-\udbff][\udc00-\udfff]|[^]/g) ?? []) {
    if (cut.length + piece.length > max) break;
    cut += piece;
  }
  return `"${cut}…" (${value.length} chars)`;
}

/** A short description of any value for a message: a quoted excerpt for a string, the type for the rest. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  switch (typeof value) {
    case 'number':
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'object':
      return 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Where the `[…]` or `{…}` opened at `start` closes (strings skipped), or -1. */
function spanEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i;
  }
  return -1;
}

/** A list or object a message quotes as JSON (`got [[1,2,3,…]]`), cut to an excerpt when long. */
function shortenJsonSpans(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      // A quoted string is already an excerpt: skip it whole (its brackets are text).
      const close = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(i, i + 4 * MAX_EXCERPT));
      if (close) i += close[0].length - 1;
      continue;
    }
    if (text[i] !== '[' && text[i] !== '{') continue;
    const end = spanEnd(text, i);
    if (end === -1) break;
    const length = end + 1 - i;
    if (length > MAX_EXCERPT + 2) {
      out += `${text.slice(from, i)}${text.slice(i, i + MAX_EXCERPT).replace(/\\u?[0-9a-fA-F]{0,3}$/, '')}… (${length} chars)`;
      from = end + 1;
    }
    i = end;
  }
  return out + text.slice(from);
}

/** A JSON-quoted value longer than an excerpt (`quote`'s own output, ending in `…`, is not: oneLine is idempotent). */
const LONG_QUOTED = new RegExp(`"((?:[^"\\\\]|\\\\.){${MAX_EXCERPT + 2},})"`, 'g');

/**
 * A message made safe to print: every JSON-quoted value in it shortened to an excerpt, every
 * unsafe character escaped, line breaks made one space, the whole cut
 * to `max` characters.
 */
export function oneLine(message: string, max = MAX_LINE): string {
  // Quoted values (as JSON.stringify wrote them) first: their escapes are already JSON's.
  let text = message.replace(LONG_QUOTED, (_, body: string) => {
    let decoded: string;
    try {
      decoded = JSON.parse(`"${body}"`) as string;
    } catch {
      decoded = body;
    }
    return quote(decoded);
  });
  text = shortenJsonSpans(text);
  text = escapeUnsafe(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  // Never end inside an escape (`\u00`) or between the halves of a surrogate pair.
  return `${cut.replace(/\\u?[0-9a-f]{0,3}$|[\ud800-\udbff]$/, '')}…`;
}
