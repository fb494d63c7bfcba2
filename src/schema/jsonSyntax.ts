/**
 * Where JSON text first goes wrong, for messages that say where (V8's "Unexpected token" gives no
 * offset). Only called once JSON.parse has refused the text; iterative, so any depth is fine.
 */

const WS = /[ \t\n\r]*/y;

function skip(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  return re.exec(text) ? re.lastIndex : -1;
}

const isDigit = (text: string, i: number) => i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;

/** The end of the number starting at `at`, or minus one minus the offset of what is wrong in it (as V8 reports it). */
function numberEnd(text: string, at: number): number {
  let i = at;
  if (text[i] === '-') i++;
  if (!isDigit(text, i)) return -1 - i;
  if (text[i] === '0') i++;
  else while (isDigit(text, i)) i++;
  if (text[i] === '.') {
    i++;
    if (!isDigit(text, i)) return -1 - i;
    while (isDigit(text, i)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text, i)) return -1 - i;
    while (isDigit(text, i)) i++;
  }
  return i;
}

/** The end of the string opening at `at`, or minus one minus the offset of what is wrong in it. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -1 - i;
    if (c === 0x5c) {
      i++;
      if (i >= text.length) break;
      if (text[i] === 'u') {
        for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) return i + k >= text.length ? -1 - text.length : -1 - (i + k);
        i += 4;
      } else if (!'"\\/bfnrt'.includes(text[i]!)) {
        return -1 - i;
      }
    }
  }
  return -1 - text.length;
}

/** The offset of the first character that makes `text` not JSON, or -1 if it is JSON. */
export function syntaxErrorAt(text: string): number {
  // What may come next: a value, an object key (or `}` right after `{`), `:`, `,` or the closer.
  type Expect = 'value' | 'firstValue' | 'key' | 'firstKey' | 'colon' | 'commaOrEnd';
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let at = 0;
  for (;;) {
    at = skip(WS, text, at);
    if (at >= text.length) return stack.length === 0 && expect === 'commaOrEnd' ? -1 : text.length;
    const c = text[at]!;
    if (expect === 'commaOrEnd') {
      if (stack.length === 0) return at; // something after the value
      const top = stack[stack.length - 1];
      if (c === ',') {
        expect = top === '{' ? 'key' : 'value';
        at++;
      } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
        stack.pop();
        at++;
      } else {
        return at;
      }
      continue;
    }
    if (expect === 'colon') {
      if (c !== ':') return at;
      expect = 'value';
      at++;
      continue;
    }
    if (expect === 'key' || expect === 'firstKey') {
      if (c === '}' && expect === 'firstKey') {
        stack.pop();
        expect = 'commaOrEnd';
        at++;
        continue;
      }
      if (c !== '"') return at;
      const end = stringEnd(text, at);
      if (end < 0) return -1 - end;
      expect = 'colon';
      at = end;
      continue;
    }
    // A value (or `]` right after `[`).
    if (c === ']' && expect === 'firstValue') {
      stack.pop();
      expect = 'commaOrEnd';
      at++;
    } else if (c === '{' || c === '[') {
      stack.push(c);
      expect = c === '{' ? 'firstKey' : 'firstValue';
      at++;
    } else {
      if (c === '"') {
        const end = stringEnd(text, at);
        if (end < 0) return -1 - end;
        expect = 'commaOrEnd';
        at = end;
        continue;
      }
      if (c === '-' || (c >= '0' && c <= '9')) {
        const end = numberEnd(text, at);
        if (end < 0) return -1 - end;
        expect = 'commaOrEnd';
        at = end;
        continue;
      }
      const word = c === 't' ? 'true' : c === 'f' ? 'false' : c === 'n' ? 'null' : undefined;
      if (!word) return at;
      for (let k = 1; k < word.length; k++) if (text[at + k] !== word[k]) return Math.min(at + k, text.length);
      expect = 'commaOrEnd';
      at += word.length;
    }
  }
}
