/** An error as one bounded line: control characters escaped, at most 300 characters. */
export function oneLine(message: string, max = 300): string {
  const flat = message.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => (c === '\n' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Keys that step whatever has focus, except where they edit text. */
export const isTextEntry = (t: EventTarget | null) =>
  t instanceof HTMLTextAreaElement ||
  (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file', 'range'].includes(t.type)) ||
  (t instanceof HTMLElement && t.isContentEditable);
