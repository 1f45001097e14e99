// The PDF object model the validator works on. We keep raw facts (hex form, name bytes,
// byte offsets) that a rendering-oriented parser throws away, because PDF/A rules test them.

export class PdfName {
  constructor(
    readonly name: string,
    readonly raw: Uint8Array,
  ) {}
}

export class PdfString {
  constructor(
    readonly bytes: Uint8Array,
    readonly hex: boolean,
  ) {}
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let s = '';
      for (let i = 2; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return s;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return new TextDecoder().decode(b.subarray(3));
    return latin1(b);
  }
}

export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  key(): string {
    return `${this.num} ${this.gen}`;
  }
}

export class PdfDict {
  readonly map = new Map<string, PdfValue>();
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
}

export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    /** raw (still encoded) bytes between the EOL after `stream` and the EOL before `endstream` */
    readonly raw: Uint8Array,
  ) {}
}

export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

export function isName(v: PdfValue | undefined, name?: string): v is PdfName {
  return v instanceof PdfName && (name === undefined || v.name === name);
}

export function isDict(v: PdfValue | undefined): v is PdfDict {
  return v instanceof PdfDict;
}
