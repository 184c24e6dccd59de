import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { IncidentAlerts, IncidentDetail } from '@/types';
import { alertState } from '../utils/alert-state';
import { ReportConfirmation } from './report-confirmation';

const incident = { id: 'i1', reference: 'INC-2026-0007' } as IncidentDetail;

function mockAlerts(alerts: IncidentAlerts) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    expect(fetchUrl(input)).toBe('/api/incidents/i1/alerts');
    return Promise.resolve(jsonResponse(alerts));
  });
}

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('ja');
});

describe('ReportConfirmation', () => {
  it('names who was told once the alert has left', async () => {
    mockAlerts({ people: [{ name: '佐藤 健', status: 'sent' }] });
    renderWithProviders(<ReportConfirmation incident={incident} onAnother={() => undefined} />);
    expect(await screen.findByText('佐藤 健 に通知しました。')).toBeInTheDocument();
    expect(screen.getByText('報告を記録しました。')).toBeInTheDocument();
    expect(screen.queryByText(/担当者に届きました/)).not.toBeInTheDocument();
  });

  it('does not claim anyone was told while nobody has been', async () => {
    await i18n.changeLanguage('en');
    mockAlerts({ people: [] });
    renderWithProviders(<ReportConfirmation incident={incident} onAnother={() => undefined} />);
    expect(await screen.findByText(/^Nobody has been alerted yet; the desk is being alerted\./)).toHaveAttribute('data-testid', 'report-alerted');
    expect(screen.queryByText(/has been alerted\.$/)).not.toBeInTheDocument();
  });

  it('shows back the contact and device the reporter entered', async () => {
    mockAlerts({ people: [{ name: '佐藤 健', status: 'queued' }] });
    renderWithProviders(
      <ReportConfirmation incident={{ ...incident, contact: '内線 1234', deviceId: 'PC-0142' }} onAnother={() => undefined} />,
    );
    expect(await screen.findByText('佐藤 健 に通知を送っています。')).toBeInTheDocument();
    expect(screen.getByTestId('report-entered')).toHaveTextContent('内線 1234');
    expect(screen.getByTestId('report-entered')).toHaveTextContent('PC-0142');
  });
});

describe('alertState', () => {
  it('tells sent, queued, failed and nobody apart', () => {
    expect(alertState(undefined)).toBeNull();
    expect(alertState({ people: [] })?.key).toBe('report.success.nobody');
    expect(alertState({ people: [{ name: 'A', status: 'queued' }] })).toEqual({ key: 'report.success.telling', names: 'A' });
    expect(alertState({ people: [{ name: 'A', status: 'failed' }, { name: 'B', status: 'sent' }] })).toEqual({ key: 'report.success.told', names: 'B' });
    expect(alertState({ people: [{ name: 'A', status: 'failed' }] })?.key).toBe('report.success.failed');
  });
});
