import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { PossibleDuplicateAlert } from './possible-duplicate-alert';

const flagged = { possibleDuplicateOf: { id: 'other-id', reference: 'INC-2026-0003', similarity: 0.857, flaggedAt: '2026-04-01T10:00:00Z' } };

describe('PossibleDuplicateAlert', () => {
  it('names the other report, how alike, and links to it', () => {
    renderWithProviders(<PossibleDuplicateAlert incident={flagged} />);
    const alert = screen.getByTestId('possible-duplicate');
    expect(alert).toHaveTextContent('重複の可能性があります');
    expect(alert).toHaveTextContent('同じ報告者が1時間以内に、同じ種類・ほぼ同じ内容で INC-2026-0003 を報告しています（一致度 86%）');
    expect(screen.getByRole('link', { name: 'INC-2026-0003 を開く' })).toHaveAttribute('href', '/incidents/other-id');
  });

  it('is absent without a flag (as for every reporter: the API never sends it to them)', () => {
    renderWithProviders(<PossibleDuplicateAlert incident={{ possibleDuplicateOf: null }} />);
    expect(screen.queryByTestId('possible-duplicate')).not.toBeInTheDocument();
  });

  it('reads in English', async () => {
    const { default: i18n } = await import('@/lib/i18n');
    await act(() => i18n.changeLanguage('en'));
    try {
      renderWithProviders(<PossibleDuplicateAlert incident={flagged} />);
      expect(screen.getByTestId('possible-duplicate')).toHaveTextContent('Possible duplicate report');
      expect(screen.getByRole('link', { name: 'Open INC-2026-0003' })).toHaveAttribute('href', '/incidents/other-id');
    } finally {
      await act(() => i18n.changeLanguage('ja'));
    }
  });
});
