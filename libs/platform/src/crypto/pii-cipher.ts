import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.schema.js';

const VERSION = 'v1';

/**
 * Personal data at rest (spec/security.md): AES-256-GCM with a random IV; each value carries
 * the id of its key (`v1.<keyId>.<iv>.<tag>.<ciphertext>`) so keys can rotate. Lookups use a
 * keyed hash (HMAC-SHA-256 with a key derived from PII_KEY), never the plain value.
 */
@Injectable()
export class PiiCipher {
  private readonly key: Buffer;
  private readonly keyId: string;
  private readonly hashKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'piiKey'>) {
    this.key = config.piiKey;
    this.keyId = createHash('sha256').update(this.key).digest('hex').slice(0, 8);
    this.hashKey = Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), 'medjourney keyed hash', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [version, keyId, iv, tag, ct] = sealed.split('.');
    if (version !== VERSION || keyId !== this.keyId) throw new Error(`PII value sealed with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookups; parts are joined unambiguously. */
  hash(...parts: string[]): string {
    const h = createHmac('sha256', this.hashKey);
    for (const p of parts) h.update(`${p.length}:${p}`);
    return h.digest('hex');
  }
}
