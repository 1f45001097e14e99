import pino, { type Logger } from 'pino';

// Structured JSON logs. Anything that could hold a secret is redacted even if a caller logs it by mistake.
// Lines are written asynchronously: lines logged while a write is in flight go out together in the next one, so a
// busy server does not pay one write(2) per access-log line. What is still buffered is flushed when the process exits.
export function createLogger(level: string): Logger {
  const destination = pino.destination({ dest: 1, sync: false });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout already closed: nothing left to save the lines to
    }
  });
  return pino(
    {
      level,
      base: { service: 'kartoteka', pid: process.pid },
      redact: {
        paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', 'headers.authorization', '*.passwordHash', '*.csrfToken'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
