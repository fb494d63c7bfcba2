import type { z } from 'zod';
import { oneLine, quote } from './excerpt.js';

type Issue = z.core.$ZodIssue;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/;

/** `calls[1].flags[0]` from zod's path; a key that is no short identifier is quoted and escaped (`profiles[0]["a\nb"]`). */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${quote(String(key))}]`;
  }
  return out || '(top level)';
}

/**
 * Of a union's branches, the issue of the one that got furthest into the value: for
 * `flags: ["MAPI_LOGON_UI", "NOPE"]` that is the list branch's `flags[1]`, not "Invalid input".
 */
function deepest(issue: Issue): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  let best: Issue | undefined;
  for (const branch of issue.errors) {
    const first = branch[0];
    if (first && first.path.length > 0 && (!best || first.path.length > best.path.length)) best = first;
  }
  return best ? { ...deepest(best), path: [...issue.path, ...deepest(best).path] } : issue;
}

/**
 * One line naming the field and the problem, from the first issue zod found (V-R6: bad values
 * quoted as short escaped excerpts, the line bounded).
 */
export function formatIssue(error: z.ZodError, root = ''): string {
  const issue = deepest(error.issues[0] as Issue);
  return oneLine(`${formatPath(issue.path, root)}: ${issue.message}`);
}
