// Entry point for `npm run dev` (tsx watch restarts it on every change).
import { main } from './commands/serve.ts';

process.exitCode = await main([]);
