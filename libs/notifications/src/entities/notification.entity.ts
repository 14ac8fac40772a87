import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'recipient_id', type: 'uuid' }) recipientId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) body: string;
  /** The language title and body are written in (BCP 47, one of MESSAGE_LOCALES). */
  @Column({ type: 'text', default: 'en' }) language: string;
  @Column({ type: 'jsonb', default: {} }) refs: Record<string, string>;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ name: 'source_event_id', type: 'uuid' }) sourceEventId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Column({ name: 'email_to', type: 'text', nullable: true }) emailTo: string | null;
  @Column({ name: 'email_sent_at', type: 'timestamptz', nullable: true }) emailSentAt: Date | null;
  @Column({ name: 'email_attempts', type: 'int', default: 0 }) emailAttempts: number;
  @Column({ name: 'email_last_error', type: 'text', nullable: true }) emailLastError: string | null;
}
