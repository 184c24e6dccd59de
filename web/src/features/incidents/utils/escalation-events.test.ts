import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import type { TimelineEntry } from '@/types';
import { describeEscalationEvent, escalationContext, isSettledQueuedEntry } from './escalation-events';

let seq = 0;
const entry = (type: string, data: Record<string, unknown>, actorName: string | null = null): TimelineEntry => ({
  seq: ++seq,
  version: seq,
  type,
  at: '2026-04-01T10:00:00Z',
  actorId: 'a',
  actorName,
  data,
  stream: 'escalation',
});

const queued = (id: string, name: string, subject: string) =>
  entry('notification_queued', { notificationId: id, recipientName: name, subject, channel: 'email', address: `${id}@example.test` }, '田中 一郎');

describe('escalation timeline entries', () => {
  const ja = i18n.getFixedT('ja');
  const en = i18n.getFixedT('en');
  const items = [
    queued('n1', '佐藤 健', '【新規報告】INC-2026-0002 ランサムウェア'),
    entry('notification_sent', { notificationId: 'n1', channel: 'email', address: 'n1@example.test' }, 'IncidentDesk'),
    queued('n2', '鈴木 花子', '[Escalation] INC-2026-0002 Ransomware is unacknowledged'),
    entry('notification_failed', { notificationId: 'n2', channel: 'email', address: 'n2@example.test', error: 'connection refused', permanent: false }),
    queued('n3', '高橋 誠', '【エスカレーション】INC-2026-0002'),
  ];
  const ctx = escalationContext(items, 'ja');

  it('leaves out a queued message once its outcome is on the timeline, keeps a pending one', () => {
    expect(items.filter((e) => isSettledQueuedEntry(e, ctx)).map((e) => rec(e.data).notificationId)).toEqual(['n1', 'n2']);
    expect(isSettledQueuedEntry(items[4], ctx)).toBe(false);
  });

  it('says a mail written to the pickup folder was written to a file, not sent', () => {
    const written = entry('notification_sent', { notificationId: 'n1', channel: 'email', address: 'n1@example.test', transport: 'pickup_folder' });
    expect(describeEscalationEvent(ja, written, ctx)!.text).toBe(
      'IncidentDesk が 佐藤 健さん 宛てのメールをファイルに書き出しました（SMTPサーバー未設定のため未送信）',
    );
    expect(describeEscalationEvent(en, written, { ...ctx, lang: 'en' })!.text).toBe(
      'IncidentDesk wrote the e-mail for 佐藤 健 to a file (no SMTP server configured: not sent)',
    );
    const smtp = entry('notification_sent', { notificationId: 'n1', channel: 'email', address: 'n1@example.test', transport: 'smtp' });
    expect(describeEscalationEvent(ja, smtp, ctx)!.text).toBe('IncidentDesk が 佐藤 健さん へメールを送信しました');
  });

  it('says who was told what: the outcome carries the subject of the queued message', () => {
    const sent = describeEscalationEvent(ja, items[1], ctx)!;
    expect(sent.text).toBe('IncidentDesk が 佐藤 健さん へメールを送信しました');
    expect(sent.detail).toBe('件名：【新規報告】INC-2026-0002 ランサムウェア\nn1@example.test');
    const failed = describeEscalationEvent(en, items[3], { ...ctx, lang: 'en' })!;
    expect(failed.detail).toContain('Escalation] INC-2026-0002 Ransomware is unacknowledged');
    expect(failed.detail).toContain('connection refused');
  });

  it('names IncidentDesk, not the person whose action set it off, as the sender', () => {
    expect(describeEscalationEvent(ja, items[4], ctx)!.text).toBe('IncidentDesk が 高橋 誠さん 宛てのメールを用意しました');
  });
});

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
