import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import { action, drill, inject } from '../test/fixtures';
import { DrillConsole } from './drill-console';

describe('DrillConsole', () => {
  it('shows the scenario clock, the next inject, delivered injects (newest first) and the drill incident', () => {
    renderWithProviders(<DrillConsole drill={drill()} canMark />);
    expect(screen.getByTestId('drill-clock')).toHaveTextContent('シナリオ時刻');
    expect(screen.getByTestId('drill-clock')).toHaveTextContent('×12倍速');
    expect(screen.getByTestId('next-inject')).toHaveTextContent('共有フォルダの暗号化');
    expect(screen.getByTestId('next-inject-when')).toHaveTextContent('25分');
    const delivered = within(screen.getByTestId('delivered-injects')).getAllByTestId('drill-inject');
    expect(delivered.map((d) => d.dataset.injectId)).toEqual(['ransom-note', 'call-from-home']);
    expect(screen.getByTestId('delivered-injects')).toHaveTextContent('進行役メモ: 写真を見せる');
    expect(screen.getByTestId('drill-incident-link')).toHaveAttribute('href', '/incidents/inc-1');
    expect(screen.getByTestId('drill-incident-link')).toHaveTextContent('訓練インシデント DRL-2026-0001');
  });

  it('shows a failed inject in red with its reason, at once', () => {
    renderWithProviders(
      <DrillConsole drill={drill({ injects: [inject({ status: 'failed', failures: [{ reason: 'no participant of the audience has an address', at: '2026-11-20T00:05:00Z' }] })] })} canMark />,
    );
    const card = screen.getByTestId('drill-inject');
    expect(card).toHaveAttribute('data-status', 'failed');
    expect(within(card).getByRole('alert')).toHaveTextContent('届けられませんでした');
    expect(within(card).getByRole('alert')).toHaveTextContent('no participant of the audience has an address');
    expect(screen.getByText('届かなかった状況付与 1件')).toBeInTheDocument();
  });

  it('asks before STOP and sends it with If-Match and the reason', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(drill({ status: 'stopped', version: 8 })));
    renderWithProviders(<DrillConsole drill={drill()} canMark />);
    await user.click(screen.getByRole('button', { name: 'STOP（中止）' }));
    const dialog = await screen.findByRole('dialog', { name: '訓練を中止しますか（STOPEX）' });
    expect(fetchMock).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /理由/ }), '実インシデント発生のため');
    await user.click(within(dialog).getByRole('button', { name: 'STOP（中止する）' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/drills/runs/run-1/stop');
    expect(new Headers(init?.headers).get('If-Match')).toBe('"7"');
    expect(fetchJsonBody(init)).toEqual({ reason: '実インシデント発生のため' });
  });

  it('judges a delivered action by hand; an action of an inject not delivered yet has no judge buttons', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(drill()));
    renderWithProviders(<DrillConsole drill={drill()} canMark />);
    const rows = screen.getAllByTestId('expected-action');
    expect(within(rows[1]).queryByRole('button', { name: 'できなかった' })).not.toBeInTheDocument();
    await user.click(within(rows[0]).getByRole('button', { name: 'できなかった' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchUrl(fetchMock.mock.calls[0][0])).toBe('/api/drills/runs/run-1/actions/rate-severity/judge');
    expect(fetchJsonBody(fetchMock.mock.calls[0][1])).toEqual({ result: 'missed', note: null });
  });

  it('shows who judged an action and when, and the automatic ones as such', () => {
    renderWithProviders(
      <DrillConsole
        drill={drill({
          expectedActions: [
            action({ status: 'met', automatic: true, judgedAt: '2026-11-20T00:06:00Z', minutesAfterInject: 12 }),
            action({ actionId: 'cut-vpn', status: 'missed', automatic: false, judgedByName: '評価 一郎', judgedAt: '2026-11-20T00:07:00Z' }),
          ],
        })}
        canMark
      />,
    );
    const judged = screen.getAllByTestId('action-judged');
    expect(judged[0]).toHaveTextContent('自動で判定');
    expect(judged[0]).toHaveTextContent('状況付与から12分');
    expect(judged[1]).toHaveTextContent('評価 一郎さんが判定');
  });

  it('an evaluator who does not facilitate has no controls', () => {
    renderWithProviders(<DrillConsole drill={drill({ you: { facilitates: false, evaluates: true, role: 'evaluator', team: 'responders', predictionsLeft: 3 } })} canMark={false} />);
    expect(screen.queryByRole('button', { name: 'STOP（中止）' })).not.toBeInTheDocument();
    expect(screen.getByText('閲覧のみ（進行は進行役が行います）')).toBeInTheDocument();
  });
});
