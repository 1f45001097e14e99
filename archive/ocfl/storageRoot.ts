// An OCFL 1.1 storage root on the filesystem with the registered 0004-hashed-n-tuple layout:
// object paths come from the SHA-256 of the identifier (three tuples of three hex digits), so the
// mapping is deterministic and needs no index.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stableJson } from './json.ts';
import { fsTree, type Tree } from './tree.ts';
import { validateObject, type OcflResult } from './validate.ts';
import { writeObjectToDir, OcflError } from './write.ts';

const LAYOUT = '0004-hashed-n-tuple-storage-layout';
const DECLARATION = '0=ocfl_1.1';

export class StorageRoot {
  private constructor(readonly dir: string) {}

  /** Opens a storage root, creating its declaration and layout on first use. */
  static async open(dir: string): Promise<StorageRoot> {
    await mkdir(dir, { recursive: true });
    let decl: string | undefined;
    try {
      decl = await readFile(join(dir, DECLARATION), 'utf8');
    } catch {
      decl = undefined;
    }
    if (decl === undefined) {
      await writeFile(join(dir, DECLARATION), 'ocfl_1.1\n', { flag: 'wx' });
      await writeFile(join(dir, 'ocfl_layout.json'), stableJson({ extension: LAYOUT, description: 'Hashed N-tuple storage layout (SHA-256, 3 × 3)' }));
      await mkdir(join(dir, 'extensions', LAYOUT), { recursive: true });
      await writeFile(
        join(dir, 'extensions', LAYOUT, 'config.json'),
        stableJson({ extensionName: LAYOUT, digestAlgorithm: 'sha256', tupleSize: 3, numberOfTuples: 3, shortObjectRoot: false }),
      );
    } else if (decl !== 'ocfl_1.1\n') {
      throw new OcflError('OCFL_INVALID_INPUT', `${dir} is not an OCFL 1.1 storage root`);
    }
    return new StorageRoot(dir);
  }

  /** Relative path of an object root: aaa/bbb/ccc/<full sha256 of the id>. */
  objectPath(id: string): string {
    const h = createHash('sha256').update(id, 'utf8').digest('hex');
    return `${h.slice(0, 3)}/${h.slice(3, 6)}/${h.slice(6, 9)}/${h}`;
  }

  /** Writes an object (or its new versions); existing version files are never changed. */
  async put(id: string, files: Map<string, Uint8Array>): Promise<string> {
    const path = this.objectPath(id);
    await writeObjectToDir(join(this.dir, path), files, this.dir);
    return path;
  }

  tree(id: string): Tree {
    return fsTree(join(this.dir, this.objectPath(id)));
  }

  async validate(id: string): Promise<OcflResult> {
    return validateObject(this.tree(id));
  }
}
