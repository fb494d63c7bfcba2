export * from './flags.js';
export * from './hresults.js';
export * from './status.js';
export * from './parseFlags.js';
