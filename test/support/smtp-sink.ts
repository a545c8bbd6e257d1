import { simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  subject: string;
  text: string;
  html: string | false;
  headers: Map<string, unknown>;
}

export interface SmtpSink {
  url: string;
  messages: CaughtMail[];
  /** How many times DATA was attempted, accepted or not. */
  attempts: () => number;
  close: () => Promise<void>;
}

/** A real SMTP server in the test process. `refuse(n)` may answer the n-th attempt (1-based) with an error code. */
export async function startSmtpSink(
  options: {
    refuse?: (attempt: number) => { code: number; message: string } | null;
    /** Milliseconds to stall before accepting the recipient of the n-th message (1-based), or a constant. */
    recipientDelayMs?: number | ((message: number) => number);
  } = {},
): Promise<SmtpSink> {
  const messages: CaughtMail[] = [];
  let attempts = 0;
  let recipients = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      // A slow server: the send is in the middle of its SMTP dialogue for this long.
      recipients++;
      const delay = typeof options.recipientDelayMs === 'function' ? options.recipientDelayMs(recipients) : (options.recipientDelayMs ?? 0);
      if (delay) setTimeout(() => callback(), delay);
      else callback();
    },
    onData(stream, session, callback) {
      attempts++;
      const refusal = options.refuse?.(attempts);
      simpleParser(stream).then(
        (mail) => {
          if (refusal) {
            const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
            callback(error);
            return;
          }
          messages.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html ?? false,
            headers: mail.headers,
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A client killed in the middle of a dialogue resets its connection: that is the client's fault, not the sink's.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    messages,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` returns a value that is not undefined, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
