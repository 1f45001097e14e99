// Trust anchors: loaded from DER/PEM files, PEM bundles or a directory of them. The store is plain
// data so the server can persist and administer it; it only holds certificates, never keys.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SignatureError } from './errors.ts';
import { certificatesFrom } from './input.ts';
import { nameToString } from './names.ts';
import { parseCertificate, type Certificate } from './x509.ts';

export interface TrustAnchorSummary {
  subject: string;
  sha256: string;
  notAfter: string;
}

export class TrustStore {
  private readonly anchors = new Map<string, Certificate>();

  static fromCertificates(ders: Uint8Array[]): TrustStore {
    const s = new TrustStore();
    for (const d of ders) s.addBundle(d);
    return s;
  }

  /** Loads a file (DER certificate, PEM bundle) or every such file in a directory (not recursive). */
  static async load(paths: string[]): Promise<TrustStore> {
    const s = new TrustStore();
    for (const p of paths) await s.addPath(p);
    return s;
  }

  async addPath(path: string): Promise<void> {
    let st;
    try {
      st = await stat(path);
    } catch {
      throw new SignatureError('SIGNATURE_TRUST_STORE_INVALID', `trust store path not found: ${path}`);
    }
    if (st.isDirectory()) {
      const names = (await readdir(path)).sort();
      let added = 0;
      for (const n of names) {
        const full = join(path, n);
        if (!(await stat(full)).isFile()) continue;
        try {
          added += this.addBundle(new Uint8Array(await readFile(full)));
        } catch {
          // Directories hold README files, CRLs and the like next to certificates.
        }
      }
      if (added === 0) throw new SignatureError('SIGNATURE_TRUST_STORE_INVALID', `no certificates in ${path}`);
      return;
    }
    const n = this.addBundle(new Uint8Array(await readFile(path)));
    if (n === 0) throw new SignatureError('SIGNATURE_TRUST_STORE_INVALID', `no certificates in ${path}`);
  }

  /** Adds every certificate of a DER/PEM/base64 bundle; returns how many were added. */
  addBundle(bytes: Uint8Array): number {
    let n = 0;
    for (const der of certificatesFrom(bytes)) {
      this.add(der);
      n++;
    }
    return n;
  }

  add(der: Uint8Array): Certificate {
    let cert: Certificate;
    try {
      cert = parseCertificate(der);
    } catch (e) {
      throw new SignatureError('SIGNATURE_TRUST_STORE_INVALID', `not a certificate: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.anchors.set(cert.sha256, cert);
    return cert;
  }

  remove(sha256: string): boolean {
    return this.anchors.delete(sha256.toLowerCase());
  }

  has(cert: Certificate): boolean {
    return this.anchors.has(cert.sha256);
  }

  certificates(): Certificate[] {
    return [...this.anchors.values()];
  }

  list(): TrustAnchorSummary[] {
    return this.certificates().map((c) => ({ subject: nameToString(c.subject), sha256: c.sha256, notAfter: c.notAfter.toISOString() }));
  }

  /** The anchors as one PEM bundle, for persisting the store. */
  exportPem(): string {
    return this.certificates()
      .map((c) => `-----BEGIN CERTIFICATE-----\n${(Buffer.from(c.der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`)
      .join('');
  }

  get size(): number {
    return this.anchors.size;
  }
}
