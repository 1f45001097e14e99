// Worker-thread bootstrap: registers tsx so that the TypeScript worker runs from source, as bin/kartoteka does.
import { register } from 'tsx/esm/api';

register();
// tsx turns source maps on, and Node then parses and keeps the map of every module it loads: pdf.js's alone are
// ~55 MB of live heap, marked by every garbage collection of this thread. Errors leave this thread as codes and
// messages, never as stacks, so the maps buy nothing here.
process.setSourceMapsEnabled(false);
await import('./prepWorker.ts');
