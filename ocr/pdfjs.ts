// The one way this project loads pdf.js.
//
// pdf.js's legacy build (the one that runs on Node) bundles core-js, and on Node 20 core-js *replaces* some of the
// engine's own built-ins, for the whole process or worker thread that imports it: JSON.stringify and JSON.parse
// (because Node 20 lacks JSON.rawJSON), Array.prototype.push (for an edge case of array-likes longer than 2^32) and
// Function.prototype.toString (to make its replacements look native). Measured on Node 20: JSON.stringify 7.5× and
// Array.prototype.push 2.7× slower — in every request handler, database driver and hashing loop, not only in pdf.js.
// pdf.js needs none of those replacements, so they are put back right after it loads; the methods core-js *adds*
// (Promise.withResolvers, Uint8Array.fromBase64, ...) are kept, pdf.js uses them.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

export function loadPdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const natives = {
      stringify: JSON.stringify,
      parse: JSON.parse,
      push: Array.prototype.push,
      toString: Function.prototype.toString,
    };
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      JSON.stringify = natives.stringify;
      JSON.parse = natives.parse;
      // Reassigned, not redefined: the engine's own property is writable and non-enumerable, and stays so.
      Array.prototype.push = natives.push;
      Function.prototype.toString = natives.toString;
    }
  })();
  return loading;
}

/** Local folders only: pdf.js must never fetch fonts, cmaps or its wasm decoders from the network. */
export function pdfjsAssets(): { standardFontDataUrl: string; cMapUrl: string; wasmUrl: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('pdfjs-dist/package.json'));
  const dir = (p: string): string => `${pathToFileURL(join(root, p)).href}/`;
  return { standardFontDataUrl: dir('standard_fonts'), cMapUrl: dir('cmaps'), wasmUrl: dir('wasm') };
}
