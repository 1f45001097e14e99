// Stable error codes of the OCR library; the server maps them to problem+json.
export type OcrErrorCode =
  | 'OCR_LANG_MISSING'
  | 'OCR_WORKER_TIMEOUT'
  | 'OCR_WORKER_FAILED'
  | 'OCR_INPUT_UNSUPPORTED'
  | 'OCR_INPUT_UNREADABLE'
  | 'OCR_POOL_CLOSED'
  | 'OCR_MODEL_INVALID';

export class OcrError extends Error {
  readonly code: OcrErrorCode;
  constructor(code: OcrErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OcrError';
    this.code = code;
  }
}
