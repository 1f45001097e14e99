import type { HoldChecker } from '../blobStore.ts';

/** In-memory retention holds for tests; in the server the holds table answers instead. */
export class HoldSet implements HoldChecker {
  readonly held = new Set<string>();

  async isHeld(sha256: string): Promise<boolean> {
    return this.held.has(sha256);
  }
}
