// The verifier caches pure facts (parsed certificates, "certificate A signed B", checked CRL/OCSP
// signatures, GOST public-key tables, CA certificates seen in verified paths). Clearing them is only needed to measure cold performance or
// to bound memory in a long-running worker.
import { clearKeyObjectCache } from './algorithms.ts';
import { clearChainCache } from './chain.ts';
import { clearGostKeyCache } from './gost.ts';
import { clearRevocationCache } from './revocation.ts';
import { clearIntermediateCache } from './validate.ts';
import { clearCertificateCache } from './x509.ts';

export function clearVerificationCaches(): void {
  clearChainCache();
  clearGostKeyCache();
  clearRevocationCache();
  clearCertificateCache();
  clearKeyObjectCache();
  clearIntermediateCache();
}
