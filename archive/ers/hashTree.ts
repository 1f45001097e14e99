// RFC 4998 section 4.2: the hash tree over data objects' digests, and the reduced hash tree
// (a list of partial hash trees) that lets one data object be linked to the timestamped root.
import { createHash } from 'node:crypto';
import { streebog256, streebog512 } from '../../signature/index.ts';
import type { ErsAlgorithm } from './tsp.ts';

export type Digest = Uint8Array;

const compare = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function hash(alg: ErsAlgorithm, data: Uint8Array): Digest {
  if (alg === 'streebog256') return streebog256(data);
  if (alg === 'streebog512') return streebog512(data);
  return new Uint8Array(createHash(alg).update(data).digest());
}

/** RFC 4998 4.2 step 4: hash of the binary-sorted concatenation of the children's hashes. */
export function parentHash(alg: ErsAlgorithm, children: Digest[]): Digest {
  const sorted = [...children].sort(compare);
  return hash(alg, Uint8Array.from(Buffer.concat(sorted.map((c) => Buffer.from(c)))));
}

export interface Tree {
  root: Digest;
  /** per leaf: the partial hash trees from the leaf's group up to below the root */
  reduced: Digest[][][];
}

/** A binary hash tree over the leaves (in the given order); a single leaf is its own root. */
export function buildTree(alg: ErsAlgorithm, leaves: Digest[]): Tree {
  if (leaves.length === 0) throw new RangeError('a hash tree needs at least one leaf');
  const reduced: Digest[][][] = leaves.map(() => []);
  // groups[i] = indices of the leaves under node i of the current level
  let level: { hash: Digest; leaves: number[] }[] = leaves.map((h, i) => ({ hash: h, leaves: [i] }));
  while (level.length > 1) {
    const next: typeof level = [];
    for (let i = 0; i < level.length; i += 2) {
      const pair = level.slice(i, i + 2);
      if (pair.length === 1) {
        next.push(pair[0]!);
        continue;
      }
      for (const [k, node] of pair.entries()) {
        const sibling = pair[1 - k]!;
        for (const leaf of node.leaves) {
          const list = reduced[leaf]!;
          // The first partial tree holds the leaf's own hash with its sibling; later ones the sibling only.
          list.push(list.length === 0 ? [node.hash, sibling.hash] : [sibling.hash]);
        }
      }
      next.push({ hash: parentHash(alg, pair.map((n) => n.hash)), leaves: pair.flatMap((n) => n.leaves) });
    }
    level = next;
  }
  return { root: level[0]!.hash, reduced };
}

/** RFC 4998 4.3: recomputes the root from a data object's digest and its reduced hash tree. */
export function rootFromReduced(alg: ErsAlgorithm, leaf: Digest, reduced: Digest[][]): Digest | undefined {
  let current = leaf;
  for (const [i, group] of reduced.entries()) {
    if (i === 0) {
      if (!group.some((h) => compare(h, current) === 0)) return undefined;
      current = parentHash(alg, group);
    } else current = parentHash(alg, [current, ...group]);
  }
  return current;
}
