import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The language each notification is written in (BCP 47, one of MESSAGE_LOCALES): its words are
 * rendered once, in the recipient's language, when it is stored; the inbox tells the console
 * which language (and so which direction) it shows, and the e-mail names it too.
 */
export class NotificationLanguage1765850000000 implements MigrationInterface {
  name = 'NotificationLanguage1765850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN language text NOT NULL DEFAULT 'en'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN language`);
  }
}
