// Errors thrown by the signature library. Codes are stable: the server maps them to problem+json and
// the CLI to exit code 3 ("unusable input").
export type SignatureErrorCode =
  | 'SIGNATURE_FORMAT_FAILURE'
  | 'SIGNATURE_INPUT_UNREADABLE'
  | 'SIGNATURE_NO_SIGNATURES'
  | 'SIGNATURE_UNSUPPORTED_ALGORITHM'
  | 'SIGNATURE_TRUST_STORE_INVALID'
  | 'SIGNATURE_ARGUMENT_INVALID';

export class SignatureError extends Error {
  readonly code: SignatureErrorCode;
  constructor(code: SignatureErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SignatureError';
    this.code = code;
  }
}

export function formatError(message: string): SignatureError {
  return new SignatureError('SIGNATURE_FORMAT_FAILURE', message);
}
