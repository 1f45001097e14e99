// Registers the archive package jobs (imported by boot.ts).
import './packageJobs.ts';
import './evidenceJobs.ts';
import './fixity.ts';
