// Turning whatever a user uploads into DER: binary DER/BER, PEM (any label), or bare base64 with
// CRLF line breaks.
import { SignatureError } from './errors.ts';

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13) continue;
    if (c < 32 || c > 126) return false;
  }
  return n > 0;
}

/** All PEM blocks in order; `label` filters (e.g. "CERTIFICATE"). */
export function pemBlocks(text: string, label?: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (const m of text.matchAll(re)) {
    if (label && m[1] !== label && !(label === 'CERTIFICATE' && m[1] === 'TRUSTED CERTIFICATE')) continue;
    out.push(new Uint8Array(Buffer.from(m[2]!.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')));
  }
  return out;
}

/** Decodes one DER/BER object from binary, PEM or base64 input. */
export function toDer(input: Uint8Array, what = 'input'): Uint8Array {
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) input = input.subarray(3); // UTF-8 BOM
  let lead = 0;
  while (lead < input.length && (input[lead] === 0x0a || input[lead] === 0x0d || input[lead] === 0x20 || input[lead] === 0x09)) lead++;
  input = input.subarray(lead);
  if (input.length === 0) throw new SignatureError('SIGNATURE_INPUT_UNREADABLE', `${what} is empty`);
  if (input[0] === 0x30) return input;
  if (looksLikeText(input)) {
    const text = Buffer.from(input).toString('latin1');
    if (text.includes('-----BEGIN')) {
      const blocks = pemBlocks(text);
      if (blocks[0]) return blocks[0];
    }
    const b64 = text.replace(/[\r\n\t ]/g, '');
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || /^[A-Za-z0-9_-]+={0,2}$/.test(b64)) {
      const der = new Uint8Array(Buffer.from(b64, b64.includes('-') || b64.includes('_') ? 'base64url' : 'base64'));
      if (der[0] === 0x30) return der;
    }
  }
  throw new SignatureError('SIGNATURE_INPUT_UNREADABLE', `${what} is neither DER, PEM nor base64`);
}

/** Certificates from DER, a PEM bundle, or base64. */
export function certificatesFrom(input: Uint8Array): Uint8Array[] {
  if (input[0] === 0x30) return [input];
  const text = Buffer.from(input).toString('latin1');
  if (text.includes('-----BEGIN')) return pemBlocks(text, 'CERTIFICATE');
  return [toDer(input, 'certificate')];
}

/** CRLs or OCSP responses from DER, PEM (several allowed) or base64. */
export function objectsFrom(input: Uint8Array, what: string): Uint8Array[] {
  if (input[0] === 0x30) return [input];
  const text = Buffer.from(input).toString('latin1');
  if (text.includes('-----BEGIN')) {
    const blocks = pemBlocks(text);
    if (blocks.length) return blocks;
  }
  return [toDer(input, what)];
}
