// Worker-thread bootstrap: registers tsx so that the TypeScript worker runs from source, as bin/kartoteka does.
import { register } from 'tsx/esm/api';

register();
await import('./buildWorker.ts');
