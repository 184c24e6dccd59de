import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchJsonBody, jsonResponse, openSelectOptions, renderWithProviders } from '@/test/render';
import type { CreateUserRequest, UserDto } from '@/types';
import { CreateUserForm } from './create-user-form';

const created: UserDto = {
  id: '01930000-0000-7000-8000-0000000000e9',
  email: 'john@example.com',
  displayName: 'John Smith',
  roles: ['Reporter'],
  createdAt: '2026-04-01T00:00:00Z',
  disabled: false,
  version: 1,
  language: 'en',
};

function sentBody(fetchMock: { mock: { calls: ArrayLike<unknown>[] } }): CreateUserRequest {
  const post = Array.from(fetchMock.mock.calls).find((c) => (c[1] as RequestInit | undefined)?.method === 'POST');
  return fetchJsonBody(post?.[1] as RequestInit | undefined) as CreateUserRequest;
}

/**
 * Opens a Mantine Select and returns its own list of options (the roles MultiSelect has a listbox too). Its
 * dropdown transition never finishes in jsdom, so the options count as hidden to role queries.
 */
async function fillIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^メールアドレス/), 'john@example.com');
  await user.type(screen.getByLabelText(/^表示名/), 'John Smith');
  await user.type(screen.getByLabelText(/^初期パスワード/), 'long-enough-password');
}

afterEach(async () => {
  cleanup(); // before the language changes back, so no unmounted-state update warnings
  await i18n.changeLanguage('ja');
});

describe('CreateUserForm', () => {
  it('creates accounts in Japanese unless another message language is chosen', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...created, language: 'ja' }, 201));
    renderWithProviders(<CreateUserForm />);

    const language = screen.getByRole('textbox', { name: '通知の言語' });
    expect(language).toHaveValue('日本語');
    expect(screen.getByText('このユーザーに送るメールの言語。本人も画面の言語切替で変更できます')).toBeInTheDocument();
    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '追加する' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(sentBody(fetchMock)).toMatchObject({ email: 'john@example.com', roles: ['Reporter'], language: 'ja' });
  });

  it('sends the chosen language', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(created, 201));
    renderWithProviders(<CreateUserForm />);

    await fillIn(user);
    const options = await openSelectOptions(user, screen.getByRole('textbox', { name: '通知の言語' }));
    expect(options.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual(['日本語', '英語 (English)']);
    await user.click(options.getByRole('option', { name: '英語 (English)', hidden: true }));
    expect(screen.getByRole('textbox', { name: '通知の言語' })).toHaveValue('英語 (English)');
    await user.click(screen.getByRole('button', { name: '追加する' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(sentBody(fetchMock).language).toBe('en');
    expect((await screen.findAllByText('John Smith さんを追加しました'))[0]).toBeInTheDocument();
  });

  it('shows a 400 naming language on the language field', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ title: 'Invalid request', status: 400, errors: { language: ['must be ja or en'] } }, 400),
    );
    renderWithProviders(<CreateUserForm />);

    await fillIn(user);
    await user.click(screen.getByRole('button', { name: '追加する' }));

    const field = screen.getByRole('textbox', { name: '通知の言語' });
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('must be ja or en')).toBeInTheDocument();
  });

  it('labels the field and its options in English on the English screen', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    renderWithProviders(<CreateUserForm />);

    const language = screen.getByRole('textbox', { name: 'Message language' });
    expect(language).toHaveValue('Japanese (日本語)');
    const options = await openSelectOptions(user, language);
    expect(options.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual(['Japanese (日本語)', 'English']);
  });
});
