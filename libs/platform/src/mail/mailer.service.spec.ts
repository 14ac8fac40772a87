import { describe, expect, it } from '@jest/globals';
import { mailboxPage } from './dev-mailbox.js';
import { mailModeOf } from './mailer.service.js';

describe('where mail goes', () => {
  it('through SMTP_URL when set; else into the development mailbox outside production; else nowhere', () => {
    expect(mailModeOf({ smtpUrl: 'smtp://mail:25', nodeEnv: 'production' })).toBe('smtp');
    expect(mailModeOf({ smtpUrl: 'smtp://mail:25', nodeEnv: 'development' })).toBe('smtp');
    expect(mailModeOf({ nodeEnv: 'development' })).toBe('mailbox');
    expect(mailModeOf({ nodeEnv: 'test' })).toBe('mailbox');
    expect(mailModeOf({ nodeEnv: 'production' })).toBe('none');
  });

  it('shows letters escaped, with only http(s) addresses as links', () => {
    const page = mailboxPage([{ id: '1', to: 'a@b.kz', subject: '<b>hi</b>', text: 'open https://x.dev/accept-invite?token=abc or javascript:alert(1)', links: ['https://x.dev/accept-invite?token=abc'], calendar: null, sentAt: '2026-12-07T00:00:00.000Z' }]);
    expect(page).toContain('&lt;b&gt;hi&lt;/b&gt;');
    expect(page).toContain('<a href="https://x.dev/accept-invite?token=abc">');
    expect(page).not.toContain('href="javascript');
  });

  it('shows an invitation sent with a letter, escaped', () => {
    const calendar = 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nSUMMARY:<script>\r\nEND:VCALENDAR';
    const page = mailboxPage([{ id: '2', to: 'a@b.kz', subject: 'Cancelled', text: 'no longer', links: [], calendar, sentAt: '2026-12-07T00:00:00.000Z' }]);
    expect(page).toContain('Attached: invite.ics');
    expect(page).toContain('METHOD:CANCEL');
    expect(page).toContain('SUMMARY:&lt;script&gt;');
  });
});
