// Messages between the package build pool (buildPool.ts) and its worker threads (buildWorker.ts).
import type { BuiltPackage, PackageInput } from '../../../archive/index.ts';
import type { OcrDocument } from '../../../ocr/index.ts';
import type { PackageNote } from '../../models/ArchivePackage.ts';
import type { CopyRequest } from './renditions.ts';

export interface BuildRequest {
  type: 'build';
  id: number;
  gathered: { input: PackageInput; notes: PackageNote[]; copies: CopyRequest[] };
  ocr: boolean;
}

export interface OcrReply {
  type: 'ocr-result';
  req: number;
  doc?: OcrDocument;
  error?: string;
}

export type BuildReply = ({ type: 'built'; id: number; notes: PackageNote[] } & BuiltPackage) | { type: 'failed'; id: number; message: string; code?: 'PACKAGE_INVALID_INPUT' };

/** The worker's request for OCR of one page image by the main thread's engine. */
export interface OcrRequest {
  type: 'ocr';
  req: number;
  image: Uint8Array;
}

/** Below this a byte array is copied with the message; above it, its memory moves to the other thread. */
const TRANSFER_MIN_BYTES = 64 * 1024;

/**
 * The memory of the large arrays, to move rather than copy. Only arrays that own their whole buffer: a view into a
 * shared one (Node's Buffer pool) would take the other views' bytes with it.
 */
export function largeBuffers(arrays: Iterable<Uint8Array>): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) {
    const b = a.buffer;
    if (b instanceof ArrayBuffer && a.byteLength >= TRANSFER_MIN_BYTES && a.byteOffset === 0 && a.byteLength === b.byteLength) out.add(b);
  }
  return [...out];
}
