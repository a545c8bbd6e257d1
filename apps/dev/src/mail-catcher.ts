import { simpleParser } from 'mailparser';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import { AddressInfo, Server } from 'node:net';
import { SMTPServer } from 'smtp-server';

interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | false;
}

/**
 * Starts a server listening: a port taken (or any other error, reported by `errors`) rejects, instead of being
 * thrown as an unhandled 'error' event.
 */
function listening(server: Server, listen: () => void, errors: EventEmitter = server): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => {
      server.off('listening', ready);
      reject(error);
    };
    const ready = (): void => {
      errors.off('error', failed);
      resolve();
    };
    errors.once('error', failed);
    server.once('listening', ready);
    listen();
  });
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An SMTP sink that keeps what it receives in memory and shows it on a small web inbox. */
export async function startMailCatcher(
  smtpPort: number,
  webPort: number,
): Promise<{ smtpUrl: string; inboxUrl: string; stop: () => Promise<void> }> {
  const inbox: CaughtMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          inbox.unshift({
            id: inbox.length + 1,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: mail.html ?? false,
          });
          inbox.splice(500);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  const closeSmtp = (): Promise<void> => new Promise((resolve) => smtp.close(() => resolve()));
  await listening(smtp.server, () => smtp.listen(smtpPort, '127.0.0.1'), smtp);
  smtp.on('error', (error: Error) => console.warn(`mail catcher: ${error.message}`));

  const web = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/messages') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inbox));
      return;
    }
    const match = /^\/messages\/(\d+)$/.exec(url.pathname);
    const mail = match && inbox.find((m) => m.id === Number(match[1]));
    if (mail) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(mail.html || `<pre>${escape(mail.text)}</pre>`);
      return;
    }
    const rows = inbox
      .map(
        (m) =>
          `<tr><td>${m.receivedAt}</td><td>${escape(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escape(m.subject)}</a></td></tr>`,
      )
      .join('');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><meta charset="utf-8"><title>Depositary mail</title><h1>Mail caught by the development server</h1>` +
          `<table><caption>${inbox.length} messages, newest first</caption><thead><tr><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead><tbody>${rows}</tbody></table>`,
      );
  });
  try {
    await listening(web, () => web.listen(webPort, '127.0.0.1'));
  } catch (error) {
    await closeSmtp();
    throw error;
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    inboxUrl: `http://127.0.0.1:${(web.address() as AddressInfo).port}`,
    stop: async () => {
      web.close();
      await closeSmtp();
    },
  };
}
