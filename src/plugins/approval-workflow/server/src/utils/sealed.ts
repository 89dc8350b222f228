import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';

/**
 * The key that seals secrets the plugin must keep for a moment (an invitation's token between the
 * commit and the mail): HKDF-SHA-256 of the app's `admin.secrets.encryptionKey` (ENCRYPTION_KEY),
 * or of its `server.app.keys` (APP_KEYS) when that is not set, bound to this use by its `info`.
 * Nothing derived from it is stored; rotating the app's keys only makes sealed values unreadable.
 */
const keyOf = (strapi: Core.Strapi, info: string): Buffer => {
  const secret = strapi.config.get<string>('admin.secrets.encryptionKey') || strapi.config.get<string[]>('server.app.keys', []).join(',');
  if (!secret) throw new Error('approval-workflow: neither ENCRYPTION_KEY nor APP_KEYS is set: secrets cannot be sealed');
  return Buffer.from(hkdfSync('sha256', secret, 'strapi-plugin-approval-workflow', info, 32));
};

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>` (base64url), authenticated, a fresh IV each time. */
export const seal = (strapi: Core.Strapi, info: string, plain: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, keyOf(strapi, info), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
};

/** The plain text of a sealed value; throws when it was tampered with or sealed under other keys. */
export const unseal = (strapi: Core.Strapi, info: string, sealed: string): string => {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
  const decipher = createDecipheriv(ALGORITHM, keyOf(strapi, info), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
};
