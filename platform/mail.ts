// Outgoing mail. There is no mail server on a development machine or in the tests, so the default
// transport writes each message as an .eml file into MAIL_DIR (README "邮件"); with SMTP_URL set,
// nodemailer sends it over SMTP. Both paths build the message with nodemailer, so what lands in the
// file is exactly what SMTP would send (UTF-8 subject and body encoded for mail clients).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from './config.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly name: 'file' | 'smtp';
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** One file per message: `<ISO time>-<uuid>.eml`, written beside its name and renamed into place. */
export function createFileMailer(dir: string, from: string): Mailer {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'file',
    async send(message) {
      const info = await builder.sendMail({ from, ...message });
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replaceAll(':', '-')}-${randomUUID()}.eml`;
      const tmp = join(dir, `.${name}.tmp`);
      await writeFile(tmp, info.message as Buffer, { flag: 'wx' });
      await rename(tmp, join(dir, name));
    },
    async close() {
      builder.close();
    },
  };
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'smtp',
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
    async close() {
      transport.close();
    },
  };
}

export function createMailer(config: Config): Mailer {
  return config.mail.smtpUrl
    ? createSmtpMailer(config.mail.smtpUrl, config.mail.from)
    : createFileMailer(config.mail.dir, config.mail.from);
}

/**
 * The messages a file mailer wrote to `to`, oldest first, decoded enough to read: headers as sent,
 * the body with quoted-printable undone. For the tests, the seed notes and a developer reading mail.
 */
export async function readMailbox(
  dir: string,
  to: string,
): Promise<Array<{ file: string; raw: string; body: string }>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const out: Array<{ file: string; raw: string; body: string }> = [];
  for (const name of names) {
    const raw = await readFile(join(dir, name), 'utf8');
    const header = raw.slice(0, raw.indexOf('\n\n'));
    if (!new RegExp(`^To: .*${to.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'im').test(header)) continue;
    out.push({ file: name, raw, body: decodeBody(raw) });
  }
  return out;
}

function decodeBody(raw: string): string {
  const header = raw.slice(0, raw.indexOf('\n\n'));
  const body = raw.slice(raw.indexOf('\n\n') + 2);
  if (/^Content-Transfer-Encoding: quoted-printable/im.test(header)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/^Content-Transfer-Encoding: base64/im.test(header)) return Buffer.from(body, 'base64').toString('utf8');
  return body;
}
