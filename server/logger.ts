import pino, { type Logger } from 'pino';

// Structured JSON logs. Anything that could hold a secret is redacted even if a caller logs it by mistake.
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'kartoteka', pid: process.pid },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', 'headers.authorization', '*.passwordHash', '*.csrfToken'],
      censor: '[redacted]',
    },
  });
}
