// Which attached files are signatures, and which document each signature signs.
const SIGNATURE_EXT = /\.(sig|sgn|p7s|p7m|p7b)$/i;
const SIGNATURE_MIME = new Set(['application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pkcs7-mime', 'application/x-pkcs7-mime']);

export interface AttachedFile {
  id: string;
  name: string;
  mime: string;
  role: string;
}

export function isSignatureFile(f: AttachedFile): boolean {
  return f.role === 'signature' || SIGNATURE_EXT.test(f.name) || SIGNATURE_MIME.has(f.mime);
}

export interface VerificationTask {
  fileId: string;
  signatureFileId: string | null;
}

/**
 * A detached signature named after its document («письмо.pdf.sig») signs that document; otherwise it signs the
 * card's main document. A signature with no document to pair with is checked alone (it may be attached CMS).
 * Every PDF is checked for signatures embedded in it.
 */
export function verificationTasks(files: AttachedFile[]): VerificationTask[] {
  const documents = files.filter((f) => !isSignatureFile(f));
  const main = documents.find((f) => f.role === 'main') ?? documents[0];
  const tasks: VerificationTask[] = [];
  for (const sig of files.filter(isSignatureFile)) {
    const base = sig.name.replace(SIGNATURE_EXT, '');
    const target = documents.find((d) => d.name === base) ?? main;
    tasks.push(target ? { fileId: target.id, signatureFileId: sig.id } : { fileId: sig.id, signatureFileId: null });
  }
  for (const pdf of documents.filter((d) => d.mime === 'application/pdf')) {
    if (!tasks.some((t) => t.fileId === pdf.id)) tasks.push({ fileId: pdf.id, signatureFileId: null });
  }
  return tasks;
}
