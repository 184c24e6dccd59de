import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { jsonResponse, renderWithProviders } from '@/test/render';
import type { DeliveryView, IncidentEscalationView } from '@/types';
import { EscalationPanel } from './escalation-panel';

const delivery = (p: Partial<DeliveryView> & Pick<DeliveryView, 'notificationId' | 'recipientName' | 'status'>): DeliveryView => ({
  incidentId: 'i1',
  reference: 'INC-2026-0007',
  channel: 'email',
  address: `${p.notificationId}@example.test`,
  subject: '【新規報告】INC-2026-0007 ランサムウェア',
  attempts: 1,
  lastError: null,
  queuedAt: '2026-04-01T01:00:00Z',
  sentAt: p.status === 'sent' ? '2026-04-01T01:00:05Z' : null,
  nextAttemptAt: '2026-04-01T01:00:00Z',
  transport: null,
  ...p,
});

const view: IncidentEscalationView = {
  level: 0,
  breached: false,
  deadlines: [],
  deliveries: [
    delivery({ notificationId: 'n1', recipientName: '佐藤 健', status: 'sent', transport: 'smtp' }),
    delivery({ notificationId: 'n2', recipientName: '山田 花子 (営業部)', status: 'sent', transport: 'pickup_folder' }),
    delivery({ notificationId: 'n3', recipientName: 'Chat room', status: 'sent', transport: 'webhook', channel: 'webhook' }),
  ],
};

function rowOf(name: string) {
  const row = screen.getByText(name).closest('li');
  if (!row) throw new Error(`no delivery row for ${name}`);
  return within(row);
}

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await i18n.changeLanguage('ja');
});

describe('EscalationPanel notification log', () => {
  it('says "written to file" for a mail in the pickup folder and "sent" for one an SMTP server accepted (Japanese)', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(view));
    renderWithProviders(<EscalationPanel incidentId="i1" />);

    expect(await screen.findByText('山田 花子 (営業部)')).toBeInTheDocument();
    expect(rowOf('山田 花子 (営業部)').getByText('ファイルに書き出し済み').closest('[data-status]')).toHaveAttribute('data-status', 'written');
    expect(rowOf('山田 花子 (営業部)').getByText(/にファイルへ書き出し$/)).toBeInTheDocument();
    expect(rowOf('山田 花子 (営業部)').queryByText('送信済み')).not.toBeInTheDocument();
    expect(rowOf('佐藤 健').getByText('送信済み').closest('[data-status]')).toHaveAttribute('data-status', 'sent');
    expect(rowOf('佐藤 健').getByText(/に送信$/)).toBeInTheDocument();
    expect(rowOf('Chat room').getByText('送信済み')).toBeInTheDocument();
  });

  it('says the same in English', async () => {
    await i18n.changeLanguage('en');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(view));
    renderWithProviders(<EscalationPanel incidentId="i1" />);

    expect(await screen.findByText('山田 花子 (営業部)')).toBeInTheDocument();
    expect(rowOf('山田 花子 (営業部)').getByText('Written to file')).toBeInTheDocument();
    expect(rowOf('山田 花子 (営業部)').getByText(/^written to file /)).toBeInTheDocument();
    expect(rowOf('佐藤 健').getByText('Sent')).toBeInTheDocument();
    expect(rowOf('佐藤 健').getByText(/^sent /)).toBeInTheDocument();
  });

  it('reads a delivery recorded before the transport was kept as sent', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ ...view, deliveries: [delivery({ notificationId: 'n4', recipientName: '高橋 誠', status: 'sent', transport: null })] }),
    );
    renderWithProviders(<EscalationPanel incidentId="i1" />);

    expect(await screen.findByText('高橋 誠')).toBeInTheDocument();
    expect(rowOf('高橋 誠').getByText('送信済み')).toBeInTheDocument();
  });
});
