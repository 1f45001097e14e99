import { Readable } from 'node:stream';
import { StorageError } from './storageError.ts';

/**
 * Passes on exactly `length` bytes after skipping `skip`. RFC 9110 lets a server ignore Range and
 * answer 200 with the whole object (s3rver does so for `bytes=0-0`); callers then pass the range start
 * as `skip`. A response that ends early is an error rather than a silently short blob.
 */
export function exactSlice(source: AsyncIterable<Uint8Array | string>, skip: number, length: number): NodeJS.ReadableStream {
  async function* slice(): AsyncGenerator<Uint8Array> {
    let toSkip = skip;
    let remaining = length;
    if (remaining === 0) return;
    for await (const raw of source) {
      let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      if (toSkip > 0) {
        const skipped = Math.min(toSkip, chunk.byteLength);
        toSkip -= skipped;
        chunk = chunk.subarray(skipped);
      }
      if (chunk.byteLength === 0) continue;
      const taken = chunk.byteLength > remaining ? chunk.subarray(0, remaining) : chunk;
      remaining -= taken.byteLength;
      yield taken;
      // Returning closes the source, so an ignored Range does not download the rest of the object.
      if (remaining === 0) return;
    }
    throw new StorageError('STORAGE_UNAVAILABLE', `storage returned ${length - remaining} of ${length} bytes`);
  }
  return Readable.from(slice(), { objectMode: false });
}
