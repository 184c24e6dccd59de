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
      '佐藤 健さん宛てのメールをファイルに書き出しました（SMTPサーバー未設定のため未送信・IncidentDesk）',
    );
    expect(describeEscalationEvent(en, written, { ...ctx, lang: 'en' })!.text).toBe(
      'IncidentDesk wrote the e-mail for 佐藤 健 to a file (no SMTP server configured: not sent)',
    );
    const smtp = entry('notification_sent', { notificationId: 'n1', channel: 'email', address: 'n1@example.test', transport: 'smtp' });
    expect(describeEscalationEvent(ja, smtp, ctx)!.text).toBe('佐藤 健さんにメールを送信しました（IncidentDesk）');
  });

  it('says who was told what: the outcome carries the subject of the queued message', () => {
    const sent = describeEscalationEvent(ja, items[1], ctx)!;
    expect(sent.text).toBe('佐藤 健さんにメールを送信しました（IncidentDesk）');
    expect(sent.detail).toBe('件名：【新規報告】INC-2026-0002 ランサムウェア\nn1@example.test');
    const failed = describeEscalationEvent(en, items[3], { ...ctx, lang: 'en' })!;
    expect(failed.detail).toContain('Escalation] INC-2026-0002 Ransomware is unacknowledged');
    expect(failed.detail).toContain('connection refused');
  });

  it('names IncidentDesk, not the person whose action set it off, as the sender', () => {
    expect(describeEscalationEvent(ja, items[4], ctx)!.text).toBe('高橋 誠さん宛てのメールを用意しました（IncidentDesk）');
  });
  it('puts さん after the name and the department after it in full-width brackets, with no stray spaces', () => {
    const named = escalationContext([queued('n9', '山田 花子 (営業部)', '【新規報告】INC-2026-0009')], 'ja');
    const sent = entry('notification_sent', { notificationId: 'n9', channel: 'email', address: 'n9@example.test', transport: 'smtp' });
    expect(describeEscalationEvent(ja, sent, named)!.text).toBe('山田 花子さん（営業部）にメールを送信しました（IncidentDesk）');
    expect(describeEscalationEvent(en, sent, { ...named, lang: 'en' })!.text).toBe('IncidentDesk sent an e-mail to 山田 花子 (営業部)');
    const failed = entry('notification_failed', { notificationId: 'n9', channel: 'email', address: 'n9@example.test', error: '550', permanent: true });
    expect(describeEscalationEvent(ja, failed, named)!.text).toBe('山田 花子さん（営業部）へのメールが届きませんでした。再送はしません（IncidentDesk）');
    expect(describeEscalationEvent(en, failed, { ...named, lang: 'en' })!.text).toBe('IncidentDesk could not deliver an e-mail to 山田 花子 (営業部) and will not retry');
  });

  it('writes deadlines and escalations with the system named last, in brackets', () => {
    const deadline = entry('deadline_set', { kind: 'Acknowledge', dueAt: '2026-04-01T10:30:00Z' });
    expect(describeEscalationEvent(ja, deadline, ctx)!.text).toBe('受付確認の期限を2026/04/01 19:30に設定しました（IncidentDesk）');
    const escalated = entry('incident_escalated', { level: 1, contact: { name: '鈴木 一郎', email: 's@example.test' } });
    expect(describeEscalationEvent(ja, escalated, ctx)!.text).toBe('鈴木 一郎さんにエスカレーションしました（第1段階・IncidentDesk）');
    expect(describeEscalationEvent(en, escalated, { ...ctx, lang: 'en' })!.text).toBe('IncidentDesk escalated to 鈴木 一郎 (level 1)');
  });
});

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}
