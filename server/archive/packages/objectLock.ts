// Jobs that change one OCFL object (packaging, evidence records, renewals) run one at a time per object in this
// process: each reads the head, builds the next version and writes it, and two interleaved writers would both
// claim the same version number. Locks are taken in sorted order, so a job holding several cannot deadlock.
// Separate worker processes (PostgreSQL deployments) are not covered: see CONTEXT.md.
const tails = new Map<string, Promise<void>>();

async function acquire(id: string): Promise<() => void> {
  const previous = tails.get(id) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  tails.set(id, tail);
  await previous;
  return () => {
    release();
    if (tails.get(id) === tail) tails.delete(id);
  };
}

export async function withObjectLocks<T>(ids: string[], work: () => Promise<T>): Promise<T> {
  const releases: (() => void)[] = [];
  try {
    for (const id of [...new Set(ids)].sort()) releases.push(await acquire(id));
    return await work();
  } finally {
    for (const release of releases.reverse()) release();
  }
}
