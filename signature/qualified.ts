// Details of Russian qualified certificates (63-FZ, Приказ ФСБ России № 795) for the report.
import { hex } from './asn1.ts';
import { keyDescription } from './algorithms.ts';
import { nameAttr, nameToString } from './names.ts';
import { SIGN_TOOL_CLASSES } from './oids.ts';
import type { CertificateInfo, QualifiedDetails, SignerReport } from './report.ts';
import { serialHex, type Certificate } from './x509.ts';

export function qualifiedDetails(cert: Certificate): QualifiedDetails {
  const s = cert.subject;
  const d: QualifiedDetails = {
    signToolClasses: cert.policies.map((p) => SIGN_TOOL_CLASSES[p]).filter((x): x is string => !!x),
    policies: cert.policies,
  };
  const set = <K extends keyof QualifiedDetails>(k: K, v: QualifiedDetails[K] | undefined): void => {
    if (v !== undefined) d[k] = v;
  };
  const sn = nameAttr(s, 'SN');
  const g = nameAttr(s, 'G');
  set('ownerName', sn && g ? `${sn} ${g}` : nameAttr(s, 'CN'));
  set('surname', sn);
  set('givenName', g);
  set('position', nameAttr(s, 'T'));
  set('organisation', nameAttr(s, 'O'));
  set('department', nameAttr(s, 'OU'));
  set('inn', nameAttr(s, 'INN'));
  set('innle', nameAttr(s, 'INNLE'));
  set('ogrn', nameAttr(s, 'OGRN'));
  set('ogrnip', nameAttr(s, 'OGRNIP'));
  set('snils', nameAttr(s, 'SNILS'));
  set('email', nameAttr(s, 'E'));
  set('subjectSignTool', cert.subjectSignTool);
  set('issuerSignTool', cert.issuerSignTool);
  return d;
}

export function certificateInfo(cert: Certificate, trustAnchor: boolean): CertificateInfo {
  const info: CertificateInfo = {
    subject: nameToString(cert.subject),
    issuer: nameToString(cert.issuer),
    serialNumber: serialHex(cert),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256: cert.sha256,
    keyAlgorithm: keyDescription(cert),
    trustAnchor,
  };
  if (cert.subjectKeyId) info.subjectKeyIdentifier = hex(cert.subjectKeyId);
  return info;
}

export function signerReport(cert: Certificate, trustAnchor: boolean): SignerReport {
  return { ...certificateInfo(cert, trustAnchor), qualified: qualifiedDetails(cert) };
}
