import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import { drill, inject } from '../test/fixtures';
import { ParticipantView } from './participant-view';

const player = { facilitates: false, evaluates: false, role: 'player' as const, team: 'staff' as const, predictionsLeft: 3 };

describe('ParticipantView', () => {
  it('shows the situation and the screen injects of everyone or the team, never role-play scripts', () => {
    renderWithProviders(
      <ParticipantView
        drill={drill({
          you: player,
          injects: [
            inject({ injectId: 'call-from-home', channel: 'role-play', facilitatorNotes: null }),
            inject({ facilitatorNotes: null }),
            inject({ injectId: 'backup', audience: 'responders', facilitatorNotes: null }),
          ],
        })}
      />,
    );
    expect(screen.getByTestId('participant-situation')).toHaveTextContent('従業員30名の卸売業。');
    expect(screen.getAllByTestId('drill-inject').map((i) => i.dataset.injectId)).toEqual(['ransom-note']);
    expect(screen.getByTestId('participant-role')).toHaveTextContent('あなたの役割：プレイヤー（一般社員）');
  });

  it('sends a prediction (1R) and says how many are left', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(drill({ you: { ...player, predictionsLeft: 2 } })));
    renderWithProviders(<ParticipantView drill={drill({ you: player })} />);
    expect(screen.getByText('あと3件書けます')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '送る' }));
    expect(await screen.findByText('予測した危険を書いてください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.type(screen.getByRole('textbox', { name: /予測した危険/ }), 'VPN経由でサーバにも広がる');
    await user.click(screen.getByRole('button', { name: '送る' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchUrl(fetchMock.mock.calls[0][0])).toBe('/api/drills/runs/run-1/predictions');
    expect(fetchJsonBody(fetchMock.mock.calls[0][1])).toEqual({ text: 'VPN経由でサーバにも広がる' });
  });

  it('puts the server 409 rule text in view when the fourth prediction is refused', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ status: 409, title: 'Rule violated', rules: [{ code: 'at_most_three_predictions', message: 'each participant enters at most 3 predictions' }] }, 409),
    );
    renderWithProviders(<ParticipantView drill={drill({ you: { ...player, predictionsLeft: 1 } })} />);
    await user.type(screen.getByRole('textbox', { name: /予測した危険/ }), '4件目');
    await user.click(screen.getByRole('button', { name: '送る' }));
    expect(await screen.findByText('each participant enters at most 3 predictions')).toBeInTheDocument();
  });

  it('after the reveal: no form, the reveal, the team predictions and the 2R-4R record', () => {
    renderWithProviders(
      <ParticipantView
        drill={drill({
          you: { ...player, predictionsLeft: 0 },
          revealedAt: '2026-11-20T00:20:00Z',
          predictions: [{ predictionId: 'p1', participantId: 'u-2', participantName: '営業 花子', text: 'NASも暗号化される', at: '2026-11-20T00:10:00Z', matched: true }],
          kyt: { keyPoints: ['バックアップがつながったまま'], countermeasures: ['オフラインの複製を持つ'], teamGoal: '切り離してから報告しよう', at: '2026-11-20T00:30:00Z' },
        })}
      />,
    );
    expect(screen.queryByTestId('prediction-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('drill-reveal')).toHaveTextContent('NASまで暗号化された');
    expect(screen.getByTestId('prediction')).toHaveTextContent('当たり');
    expect(screen.getByTestId('kyt-summary')).toHaveTextContent('切り離してから報告しよう');
  });
});
