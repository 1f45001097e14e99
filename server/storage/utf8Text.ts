import { isUtf8 } from 'node:buffer';

// C0 controls that do not occur in text files; TAB, LF, VT, FF, CR and ESC (ANSI colour) do.
const BINARY_CONTROL = /[\x00-\x08\x0e-\x1a\x1c-\x1f]/;

/**
 * Incremental check that a byte stream is UTF-8 text: well-formed UTF-8 (no overlongs, surrogates or
 * code points above U+10FFFF, checked natively by `isUtf8`) and no binary control bytes. A character
 * split between chunks is carried over. Binary data fails on its first chunk, so only real text
 * costs a full scan.
 */
export class Utf8TextDetector {
  private valid = true;
  private carry: Buffer = Buffer.alloc(0);

  get isText(): boolean {
    return this.valid && this.carry.length === 0;
  }

  update(bytes: Uint8Array): void {
    if (!this.valid || bytes.byteLength === 0) return;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, view]) : view;
    const cut = completePrefixLength(data);
    const head = data.subarray(0, cut);
    // Copied: the caller may reuse its chunk buffer.
    this.carry = Buffer.from(data.subarray(cut));
    if (!isUtf8(head) || BINARY_CONTROL.test(head.toString('latin1'))) this.valid = false;
  }
}

/** Length of `data` without a trailing, possibly incomplete multi-byte sequence. */
function completePrefixLength(data: Uint8Array): number {
  for (let i = data.length - 1; i >= Math.max(0, data.length - 3); i--) {
    const b = data[i] as number;
    if (b < 0x80) return data.length;
    if (b >= 0xc0) {
      const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return data.length - i < needed ? i : data.length;
    }
  }
  return data.length;
}
