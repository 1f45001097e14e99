// The kinds of files a citizen may attach to an internet appeal. A file's kind is decided by its bytes (the blob
// store sniffs the MIME type), never by the name or the Content-Type the browser sent.

export const ATTACHMENT_TYPES = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  jpeg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', extensions: ['.png'] },
  tiff: { mime: 'image/tiff', extensions: ['.tif', '.tiff'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
  odt: { mime: 'application/vnd.oasis.opendocument.text', extensions: ['.odt'] },
} as const;

export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_TYPE_KEYS = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];

export function isAttachmentType(value: string): value is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, value);
}

/** The allowed kind a sniffed MIME type belongs to, or null when it is not among the allowed ones. */
export function attachmentTypeOf(mime: string, allowed: readonly AttachmentType[]): AttachmentType | null {
  return allowed.find((key) => ATTACHMENT_TYPES[key].mime === mime) ?? null;
}

export const DEFAULT_LIMITS = { allowedTypes: ATTACHMENT_TYPE_KEYS, maxFiles: 5, maxFileBytes: 10 * 1024 * 1024 } as const;
/** Upper bounds an administrator may raise the limits to. */
export const MAX_FILES_LIMIT = 20;
export const MAX_FILE_BYTES_LIMIT = 50 * 1024 * 1024;
