import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { ImprovementItemSummary } from '../api/improvements';
import { ImprovementTable } from './improvement-table';

const item = (over: Partial<ImprovementItemSummary> = {}): ImprovementItemSummary => ({
  id: 'i1', version: 3, title: '連絡網の電話番号を更新する', ownerId: 'u1', ownerName: '鈴木', dueDate: '2026-12-10', status: 'open',
  overdue: false, runId: 'r1', scenarioId: 'kyt-01', exerciseId: null, expectedActionId: null, contactPerson: '田中', playbookId: null,
  stepId: null, retestRunId: null, retestExerciseId: null, createdAt: '2026-11-20T09:00:00Z', updatedAt: '2026-11-20T09:00:00Z', ...over,
});

describe('ImprovementTable', () => {
  it('shows owner, due date and status, marks an overdue item, and offers the next statuses', () => {
    renderWithProviders(<ImprovementTable items={[item({ overdue: true })]} />);
    expect(screen.getByText('鈴木')).toBeInTheDocument();
    expect(screen.getByText('2026-12-10')).toBeInTheDocument();
    expect(screen.getByText('未着手')).toBeInTheDocument();
    expect(screen.getByText('期日超過')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '着手する' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '完了にする' })).toBeInTheDocument();
  });

  it('moves an item with the version it shows (If-Match), and a done item can be verified by the run that retested it', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...item({ status: 'verified' }), history: [], reminders: [] }));
    renderWithProviders(<ImprovementTable items={[item({ status: 'done' })]} retestRunId="r2" />);

    await user.click(screen.getByRole('button', { name: 'この訓練で再確認済みにする' }));

    const [input, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(input)).toContain('/api/drills/improvements/i1/status');
    expect(fetchJsonBody(init)).toEqual({ status: 'verified', retestRunId: 'r2' });
    expect((init!.headers as Record<string, string>)['If-Match']).toBe('"3"');
  });

  it('says when there are none', () => {
    renderWithProviders(<ImprovementTable items={[]} />);
    expect(screen.getByText('改善項目はありません。')).toBeInTheDocument();
  });
});
