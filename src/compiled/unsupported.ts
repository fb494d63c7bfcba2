/** Raised when a machine uses a part of statecharts the compiled interpreter does not run. */
export class UnsupportedMachineError extends Error {
  override name = 'UnsupportedMachineError';
}
