import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { setOrgTimeZone } from '@/lib/format';
import { renderWithProviders } from '@/test/render';
import { DateField, DateTimeField } from './date-fields';

const LABEL = 'when';
const DAY_LABEL = 'deadline';

function Picker({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateTimeField label={LABEL} value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

function Day({ initial }: { initial: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField label={DAY_LABEL} value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
    </>
  );
}

afterEach(async () => {
  cleanup();
  setOrgTimeZone('Asia/Tokyo');
  await act(() => i18n.changeLanguage('ja'));
});

describe('date inputs in the user’s language', () => {
  it('shows a time as Japanese staff write it, and names the zone', async () => {
    await act(() => i18n.changeLanguage('ja'));
    renderWithProviders(<Picker initial="2026-12-03 18:31:00" />);
    expect(await screen.findByRole('button', { name: /when/ })).toHaveTextContent('2026/12/03 18:31');
    expect(screen.getByText('時刻はJST（組織の標準時）')).toBeInTheDocument();
  });

  it('shows the same time in English in English, with English month names in the calendar', async () => {
    await act(() => i18n.changeLanguage('en'));
    renderWithProviders(<Picker initial="2026-12-03 18:31:00" />);
    const button = await screen.findByRole('button', { name: /when/ });
    expect(button).toHaveTextContent('3 Dec 2026, 18:31');
    await userEvent.click(button);
    expect(await screen.findByText('December 2026')).toBeInTheDocument();
  });

  it('opens a Japanese calendar in Japanese', async () => {
    await act(() => i18n.changeLanguage('ja'));
    renderWithProviders(<Picker initial="2026-12-03 18:31:00" />);
    await userEvent.click(await screen.findByRole('button', { name: /when/ }));
    expect(await screen.findByText('2026年12月')).toBeInTheDocument();
  });

  it('reads a typed day in the format it shows', async () => {
    await act(() => i18n.changeLanguage('ja'));
    renderWithProviders(<Day initial="" />);
    // The read-only stand-in shown while the picker loads gives way to the picker.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'deadline' })).not.toHaveAttribute('readonly'));
    const input = screen.getByRole('textbox', { name: 'deadline' });
    await userEvent.type(input, '2027/01/15');
    await userEvent.tab();
    expect(screen.getByTestId('value')).toHaveTextContent('2027-01-15');
    expect(input).toHaveValue('2027/01/15');
  });
});
