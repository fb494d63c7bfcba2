// The allowlist lives in src/inspection; the subsystem keeps importing it from here.
export { sanitizeInspection } from '../inspection/index.js';
