/**
 * V-R6: the deepest nesting accepted. A scenario needs 8 levels (scenario, profiles, profile,
 * services, service, providers, provider, outcomes); deeper input is refused before anything
 * recursive (JSON.parse's callers, the validator, a message quoting the value) walks it.
 */
export const MAX_NESTING = 32;

/** `at line 3, column 7` for a character offset in `text`. */
export function position(text: string, offset: number): string {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return `at line ${line}, column ${offset - start + 1}`;
}

const tooDeep = (where: string) => `nested deeper than ${MAX_NESTING} levels ${where} (a scenario needs at most 8)`;

/** A message when JSON `text` opens more than MAX_NESTING arrays or objects at once, else undefined. One pass, no recursion. */
export function checkTextDepth(text: string): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_NESTING) return tooDeep(position(text, i));
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return undefined;
}

/** A message when `value` nests more than MAX_NESTING arrays or objects, else undefined. Iterative; each object once. */
export function checkValueDepth(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    if (depth > MAX_NESTING) return tooDeep('in the value');
    seen.add(v);
    let children: unknown[];
    try {
      children = Array.isArray(v) ? v : Object.values(v);
    } catch {
      continue; // not plain data: the validator says what is wrong with it
    }
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return undefined;
}
