// Loaded with --import: any import of a build-time tool fails loudly, so a test can show that
// serving the viewer never loads esbuild, elkjs or @statelyai/inspect at run time.
import { register } from 'node:module';

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  // Only the project's own modules count (tsx, which runs the sources, uses esbuild itself).
  if (!String(context.parentURL ?? '').includes('/node_modules/') && /^(esbuild|elkjs|@statelyai\\/inspect)(\\/|$)/.test(specifier)) throw new Error('build-time tool imported at run time: ' + specifier);
  return next(specifier, context);
}`),
);
