import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { renderWithProviders } from '@/test/render';
import { DrillBanner } from './drill-banner';

afterEach(async () => {
  await act(() => i18n.changeLanguage('ja'));
});

describe('DrillBanner', () => {
  it('says in Japanese that the incident is a drill, prominently, as an alert', () => {
    renderWithProviders(<DrillBanner />);
    const banner = screen.getByRole('alert');
    expect(within(banner).getByText('訓練 — この案件は訓練です')).toBeInTheDocument();
    expect(banner).toHaveTextContent('実際のインシデントではありません');
  });

  it('says it in English, and on a decision page says the request belongs to a drill', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderWithProviders(<DrillBanner about="decision" />);
    const banner = screen.getByRole('alert');
    expect(within(banner).getByText('DRILL — this incident is a drill')).toBeInTheDocument();
    expect(banner).toHaveTextContent('This decision request belongs to a drill incident, not a real one.');
  });
});

