/** Thrown for a flag name that no table knows; the scenario reader turns it into V-R5. */
export class UnknownFlagNameError extends Error {
  constructor(readonly flagName: string, readonly known: readonly string[]) {
    super(`unknown flag name ${JSON.stringify(flagName)} (known: ${known.join(', ')})`);
    this.name = 'UnknownFlagNameError';
  }
}

/** Flags given as one number or a list of names, as the scenario format and the API take them. */
export type FlagsInput = number | readonly string[];

/**
 * Turns flags into their numeric value. Names must be in `table`; a number is taken as it is
 * (unknown bits are V-R1's business, so they are kept and reported by `unknownBits`).
 */
export function parseFlags(input: FlagsInput | undefined, table: Readonly<Record<string, number>>): number {
  if (input === undefined) return 0;
  if (typeof input === 'number') {
    if (!Number.isInteger(input) || input < 0 || input > 0xffffffff) {
      throw new RangeError(`flags must be a whole number from 0 to 0xFFFFFFFF, got ${input}`);
    }
    return input >>> 0;
  }
  let value = 0;
  for (const name of input) {
    if (!Object.hasOwn(table, name)) throw new UnknownFlagNameError(name, Object.keys(table));
    value = (value | table[name]!) >>> 0;
  }
  return value;
}

/** The bits of `flags` that `table` does not define (V-R1). */
export function unknownBits(flags: number, table: Readonly<Record<string, number>>): number {
  let known = 0;
  for (const bit of Object.values(table)) known |= bit;
  return (flags & ~known) >>> 0;
}

/** The names of the bits set in `flags`, in table order. */
export function flagNames(flags: number, table: Readonly<Record<string, number>>): string[] {
  return Object.entries(table)
    .filter(([, bit]) => (flags & bit) >>> 0 === bit)
    .map(([name]) => name);
}
