/**
 * Text widths estimated without a browser (the layout runs at build time): per-character widths
 * in em of a wide sans-serif (DejaVu Sans, the widest usual fallback), so text always fits its box.
 */
function charEm(c: string): number {
  if (c === ' ') return 0.32;
  if (/[A-Z]/.test(c)) return c === 'M' || c === 'W' ? 0.86 : 0.72;
  if (/[a-z]/.test(c)) return c === 'm' || c === 'w' ? 0.9 : /[ijlft]/.test(c) ? 0.34 : 0.62;
  if (/[0-9]/.test(c)) return 0.64;
  if (c === '_') return 0.5;
  return 0.45;
}

export const textWidth = (text: string, fontPx: number) => [...text].reduce((w, c) => w + charEm(c) * fontPx, 0);

/** Breaks text into lines of at most `maxPx`, at spaces and after underscores of long names. */
export function wrapText(text: string, fontPx: number, maxPx: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontPx) > maxPx) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}
