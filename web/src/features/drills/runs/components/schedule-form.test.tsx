import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, openSelectOptions, renderWithProviders } from '@/test/render';
import type { DrillScenarioSummary } from '@/types';
import type { DrillPerson } from '../api/get-drill-people';
import { drill } from '../test/fixtures';
import { ScheduleForm } from './schedule-form';

const scenario: DrillScenarioSummary = {
  id: 's1-ransomware-telework',
  version: 1,
  contentHash: 'abc',
  title: { ja: 'テレワーク端末から社内サーバへ広がったランサムウェア', en: 'Ransomware spreads' },
  summary: { ja: '在宅勤務中の営業担当者のノートPCが感染', en: 'A laptop at home' },
  category: 'C2',
  format: 'tabletop',
  durationMinutes: 90,
  suggestedTimeScale: 12,
  emailDown: false,
  objectiveCount: 3,
  injectCount: 11,
  expectedActionCount: 15,
};
const people: DrillPerson[] = [
  { id: 'u-1', name: '佐藤 健', roles: ['Admin'], facilitates: true },
  { id: 'u-2', name: '営業 花子', roles: ['Reporter'], facilitates: false },
];

describe('ScheduleForm', () => {
  it('schedules the chosen scenario with its suggested time scale, the participant with role and team', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
      Promise.resolve(fetchUrl(input).startsWith('/api/drills/scenarios/') ? jsonResponse({ ...scenario, objectives: [{ id: 'o', text: { ja: '切り離して報告する', en: 'Cut off and report' } }], rolesNeeded: [] }) : jsonResponse(drill(), 201)),
    );
    const onDone = vi.fn();
    renderWithProviders(<ScheduleForm scenarios={[scenario]} people={people} meId="u-1" onDone={onDone} />);
    (await openSelectOptions(user, screen.getByRole('textbox', { name: /シナリオ/ })))
      .getByRole('option', { name: /テレワーク端末/, hidden: true })
      .click();
    expect(await screen.findByTestId('scenario-facts')).toHaveTextContent('所要 約90分');
    expect(await screen.findByText('切り離して報告する')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /時間の倍率/ })).toHaveValue('12');
    (await openSelectOptions(user, screen.getByRole('textbox', { name: /参加者1/ }))).getByRole('option', { name: '営業 花子', hidden: true }).click();
    (await openSelectOptions(user, screen.getByRole('textbox', { name: 'チーム' }))).getByRole('option', { name: '一般社員', hidden: true }).click();
    await user.click(screen.getByRole('button', { name: 'この内容で計画する' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const post = fetchMock.mock.calls.find(([u]) => fetchUrl(u) === '/api/drills/runs');
    expect(post).toBeDefined();
    expect(fetchJsonBody(post![1])).toMatchObject({
      scenarioId: 's1-ransomware-telework',
      facilitatorId: 'u-1',
      participants: [{ userId: 'u-2', role: 'player', team: 'staff' }],
      timeScale: 12,
      announced: true,
      webhooksEnabled: false,
    });
  });

  it('refuses the facilitator as a participant before sending anything', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<ScheduleForm scenarios={[scenario]} people={people} meId="u-1" onDone={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'この内容で計画する' }));
    expect(await screen.findByText('シナリオを選んでください')).toBeInTheDocument();
    (await openSelectOptions(user, screen.getByRole('textbox', { name: /参加者1/ }))).getByRole('option', { name: '佐藤 健', hidden: true }).click();
    await user.click(screen.getByRole('button', { name: 'この内容で計画する' }));
    expect(await screen.findByText('進行役は参加者を兼ねられません')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("puts the 400's field errors on their fields (a participant row, the time scale)", async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
      Promise.resolve(
        fetchUrl(input).startsWith('/api/drills/scenarios/')
          ? jsonResponse({ ...scenario, objectives: [], rolesNeeded: [] })
          : jsonResponse({ status: 400, title: 'Validation failed', errors: { 'participants.0.userId': ['is a disabled account'], timeScale: ['must be 1 to 60'] } }, 400),
      ),
    );
    renderWithProviders(<ScheduleForm scenarios={[scenario]} people={people} meId="u-1" onDone={vi.fn()} />);
    (await openSelectOptions(user, screen.getByRole('textbox', { name: /シナリオ/ }))).getByRole('option', { name: /テレワーク端末/, hidden: true }).click();
    (await openSelectOptions(user, screen.getByRole('textbox', { name: /参加者1/ }))).getByRole('option', { name: '営業 花子', hidden: true }).click();
    await user.click(screen.getByRole('button', { name: 'この内容で計画する' }));
    expect(await screen.findByText('is a disabled account')).toBeInTheDocument();
    expect(screen.getByText('must be 1 to 60')).toBeInTheDocument();
  });
});
