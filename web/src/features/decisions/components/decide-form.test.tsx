import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import { ransomDecision, RANSOM_GUIDANCE } from '../test/fixtures';
import { DecideForm } from './decide-form';

const pay = () => screen.getByRole('radio', { name: /支払う（人命/ });
const doNotPay = () => screen.getByRole('radio', { name: /支払わない/ });

describe('DecideForm', () => {
  it('shows the ransom guidance and keeps "pay" unavailable until it is acknowledged', async () => {
    const user = userEvent.setup();
    renderWithProviders(<DecideForm decision={ransomDecision} showGuidance />);
    expect(screen.getByText(RANSOM_GUIDANCE)).toBeInTheDocument();
    expect(pay()).toBeDisabled();
    expect(doNotPay()).toBeEnabled();
    expect(screen.getByText('指針を読んだことを確認すると選べます')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: /上記の指針を読み、理解しました/ }));
    expect(pay()).toBeEnabled();
  });

  it('asks for the emergency when "pay" is chosen, and sends it with the acknowledgement', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...ransomDecision, status: 'decided', version: 4 }));
    renderWithProviders(<DecideForm decision={ransomDecision} />);
    await user.click(screen.getByRole('checkbox', { name: /上記の指針を読み、理解しました/ }));
    await user.click(pay());
    await user.type(screen.getByRole('textbox', { name: /判断の理由/ }), '患者の生命に関わるため');
    await user.click(screen.getByRole('button', { name: 'この内容で判断する' }));
    expect(await screen.findByText('支払いを正当化する緊急事態の内容を書いてください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: /緊急事態の内容/ }), '手術予定の患者データが暗号化され、復旧手段がない');
    await user.click(screen.getByRole('button', { name: 'この内容で判断する' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/decisions/d1/decide');
    expect(new Headers(init?.headers).get('If-Match')).toBe('"3"');
    expect(fetchJsonBody(init)).toEqual({
      optionId: 'pay',
      conditions: null,
      rationale: '患者の生命に関わるため',
      emergency: '手術予定の患者データが暗号化され、復旧手段がない',
      guidanceAcknowledged: true,
    });
  });

  it('requires an option and a rationale; "do not pay" needs no emergency', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...ransomDecision, status: 'decided', version: 4 }));
    renderWithProviders(<DecideForm decision={ransomDecision} />);
    await user.click(screen.getByRole('button', { name: 'この内容で判断する' }));
    expect(await screen.findByText('選択肢を選んでください')).toBeInTheDocument();
    expect(screen.getByText('判断の理由を入力してください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.click(doNotPay());
    expect(screen.queryByRole('textbox', { name: /緊急事態の内容/ })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /条件/ }), 'バックアップの復元を金曜18時までに終える');
    await user.type(screen.getByRole('textbox', { name: /判断の理由/ }), 'バックアップから復旧できるため');
    await user.click(screen.getByRole('button', { name: 'この内容で判断する' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    expect(fetchJsonBody(fetchMock.mock.calls[0][1])).toEqual({
      optionId: 'do_not_pay',
      conditions: 'バックアップの復元を金曜18時までに終える',
      rationale: 'バックアップから復旧できるため',
      emergency: null,
      guidanceAcknowledged: false,
    });
  });

  it('puts a 400 from the server on the field it names', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ status: 400, title: 'Validation failed', errors: { rationale: ['must not contain control characters'] } }, 400),
    );
    renderWithProviders(<DecideForm decision={ransomDecision} />);
    await user.click(doNotPay());
    await user.type(screen.getByRole('textbox', { name: /判断の理由/ }), 'x');
    await user.click(screen.getByRole('button', { name: 'この内容で判断する' }));
    expect(await screen.findByText('must not contain control characters')).toBeInTheDocument();
  });
});
