// Job kinds of the platform itself.
import { defineJob } from './registry.ts';
import { verifyAudit } from '../audit/verifyAudit.ts';
import { appendAudit } from '../audit/appendAudit.ts';

/**
 * Scheduled self-check of the audit chains; the result is itself recorded in each chain, so a later
 * tampering shows up both as a broken link and as a gap against the last good check.
 */
defineJob({
  kind: 'audit.verify',
  async handler(job) {
    const result = await verifyAudit(job.knex, job.orgId ? { chain: job.orgId } : {});
    await job.finish(async (trx) => {
      await appendAudit(trx, {
        orgId: job.orgId,
        action: result.ok ? 'audit.verified' : 'audit.tampering_detected',
        objectType: 'audit_log',
        payload: { checked: result.checked, problems: result.problems.slice(0, 10) },
      });
    });
  },
});

/** Measures the queue itself: the worker round trip, used by health checks, benchmarks and the queue tests. */
defineJob({
  kind: 'platform.ping',
  async handler(job) {
    // Nothing to change: the completion committed by finish() is the whole round trip being measured.
    await job.finish(async () => undefined);
  },
});
