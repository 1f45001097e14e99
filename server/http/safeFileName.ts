import path from 'node:path';

const FORBIDDEN = /[\u0000-\u001f\u007f<>:"/\\|?*\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A display name that is safe everywhere it may end up (Content-Disposition, ZIP exports, Windows):
 * no path, no control or bidi-override characters, bounded length. It is never used to build a path.
 */
export function safeFileName(raw: string | undefined): string {
  const base = path.posix.basename(path.win32.basename(raw ?? '')).normalize('NFC');
  let name = base.replace(FORBIDDEN, '_').replace(/^[.\s]+|[.\s]+$/g, '').trim();
  if (RESERVED.test(name)) name = `_${name}`;
  if (name.length > 200) {
    const ext = path.extname(name).slice(0, 20);
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name || 'file';
}

/** RFC 6266 / RFC 5987 header with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
