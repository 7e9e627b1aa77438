import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../platform/config/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one message; resolves once the SMTP server accepted it. */
export interface Mailer {
  readonly enabled: boolean;
  send(m: MailMessage): Promise<{ messageId: string }>;
}

export const MAILER = Symbol('MAILER');

/** Codes with which nodemailer says the message was certainly not accepted (so sending again cannot duplicate it). */
const NOT_SENT_CODES = new Set([
  'ECONNECTION',
  'EDNS',
  'EAUTH',
  'ETLS',
  'EENVELOPE',
  'EMESSAGE',
  'ENOAUTH',
  'EREQUIREMENT',
]);

/** True when an error from `send` proves the server did not take the message (refused, or never reached). */
export function certainlyNotSent(e: unknown): boolean {
  const x = e as { responseCode?: unknown; code?: unknown } | null;
  if (typeof x?.responseCode === 'number' && x.responseCode >= 400) return true;
  return typeof x?.code === 'string' && NOT_SENT_CODES.has(x.code);
}

/**
 * nodemailer on SMTP_URL; without it, outside production, each message is written as an .eml file
 * to var/mail (MAIL_DIR in the configuration) so development needs no mail server; in production
 * without SMTP_URL e-mail is off (in-app notifications still arrive).
 */
@Injectable()
export class NodeMailer implements Mailer, OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter | null;
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
    else if (config.mailDir) this.transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    else this.transport = null;
    this.enabled = this.transport !== null;
    if (!this.enabled) this.logger.warn('SMTP_URL is not set: notification e-mails are off');
  }

  async send(m: MailMessage): Promise<{ messageId: string }> {
    if (!this.transport) throw new Error('mail is off');
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: m.to,
      subject: m.subject,
      text: m.text,
      textEncoding: 'base64',
    })) as { messageId?: string; message?: unknown };
    const messageId = info.messageId ?? `<${randomUUID()}@ctms>`;
    if (!this.config.smtpUrl && this.config.mailDir && Buffer.isBuffer(info.message)) {
      await mkdir(this.config.mailDir, { recursive: true, mode: 0o700 });
      await writeFile(
        join(this.config.mailDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`),
        info.message,
        { mode: 0o600 },
      );
    }
    return { messageId };
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
