import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import nodemailer, { Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-ID header, with its angle brackets; nodemailer makes one up when it is missing. */
  messageId?: string;
  headers?: Record<string, string>;
}

/** Options for nodemailer from SMTP_URL: a pooled transport, TLS for smtps://. */
export function smtpOptions(smtpUrl: string, timeoutMs = 30_000): Parameters<typeof nodemailer.createTransport>[0] {
  const url = new URL(smtpUrl);
  return {
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    pool: true,
    maxConnections: 5,
    maxMessages: 1000,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    greetingTimeout: Math.min(timeoutMs, 10_000),
    socketTimeout: timeoutMs,
  };
}

/** The one SMTP transport of a worker process. */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private transporter: Transporter | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    if (!this.config.smtpUrl) throw new Error('SMTP_URL is not set: no mail can be sent');
    this.transporter ??= nodemailer.createTransport(smtpOptions(this.config.smtpUrl, this.config.smtpTimeoutMs));
    const info = (await this.transporter.sendMail({ from: this.config.mailFrom, ...mail })) as { messageId: string };
    return { messageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }
}
