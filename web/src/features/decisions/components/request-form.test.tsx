import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, openSelectOptions, renderWithProviders } from '@/test/render';
import { kinds, ransomDecision } from '../test/fixtures';
import { RequestForm } from './request-form';

const executives = [
  { id: 'e1', displayName: '経営 太郎' },
  { id: 'e2', displayName: '副社長 花子' },
];

const optionLabels = () => screen.getAllByRole('textbox', { name: /^選択肢/ }).map((i) => (i as HTMLInputElement).value);

describe('RequestForm', () => {
  it('pre-fills the ransom question, options and guidance from a playbook step, and sends the step with the request', async () => {
    const user = userEvent.setup();
    const onDone = vi.fn();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(ransomDecision, 201));
    renderWithProviders(
      <RequestForm incidentId="i1" step={{ stepId: 'decide-ransom', title: '身代金の扱いを決める' }} kinds={kinds} executives={executives} onDone={onDone} />,
    );

    expect(screen.getByText(/プレイブックの手順「身代金の扱いを決める」の判断として依頼します/)).toBeInTheDocument();
    const kind = screen.getByRole('textbox', { name: /判断の種類/ });
    expect(kind).toHaveValue('身代金の支払い');
    expect(kind).toBeDisabled();
    expect(screen.getByRole('textbox', { name: /^問い/ })).toHaveValue('攻撃者の要求する身代金を支払いますか。');
    expect(optionLabels()).toEqual(['支払わない（バックアップなどから復旧する）', '支払う（人命がかかっている等の緊急時に限る）']);
    expect(screen.getByTestId('request-guidance')).toHaveTextContent('身代金は通常支払うものではない');

    await user.click(screen.getByRole('button', { name: '依頼を送る' }));
    expect(await screen.findByText('判断に必要な経緯・状況を書いてください')).toBeInTheDocument();
    expect(screen.getByText('判断をお願いする経営層を選んでください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: /経緯・状況/ }), 'ファイルサーバーが暗号化され、身代金を要求されています');
    const people = await openSelectOptions(user, screen.getByRole('textbox', { name: /依頼先1/ }));
    await user.click(people.getByRole('option', { name: '経営 太郎', hidden: true }));
    await user.click(screen.getByRole('button', { name: '依頼を送る' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/incidents/i1/decisions');
    const body = fetchJsonBody(init) as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: 'ransom_payment',
      stepId: 'decide-ransom',
      question: '攻撃者の要求する身代金を支払いますか。',
      options: [
        { id: 'do_not_pay', label: '支払わない（バックアップなどから復旧する）', consequence: '犯罪者に資金を渡しません。' },
        { id: 'pay', label: '支払う（人命がかかっている等の緊急時に限る）', consequence: 'データが戻る保証はありません。' },
      ],
      context: 'ファイルサーバーが暗号化され、身代金を要求されています',
      unknowns: [],
      approvers: [{ accountId: 'e1', deputyId: null }],
      quorum: 'any',
      onExpiry: 'escalate',
      defaultOptionId: null,
      recommendedOptionId: null,
    });
    // due in two hours by default, sent as an instant
    const due = new Date(body.neededBy as string).getTime() - Date.now();
    expect(due).toBeGreaterThan(110 * 60_000);
    expect(due).toBeLessThanOrEqual(120 * 60_000);
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(ransomDecision));
  });

  it('re-fills question and options when another kind is chosen; "other" starts with two empty options', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RequestForm incidentId="i1" kinds={kinds} executives={executives} onDone={vi.fn()} />);
    expect(screen.getByRole('textbox', { name: /^問い/ })).toHaveValue('復旧のために、通常業務をどの範囲まで、いつまで止めますか。');
    expect(optionLabels()).toEqual(['影響を受けたシステムと業務だけを止める', '全社の通常業務を止める']);

    let list = await openSelectOptions(user, screen.getByRole('textbox', { name: /判断の種類/ }));
    await user.click(list.getByRole('option', { name: '身代金の支払い', hidden: true }));
    expect(screen.getByRole('textbox', { name: /^問い/ })).toHaveValue('攻撃者の要求する身代金を支払いますか。');
    expect(optionLabels()).toEqual(['支払わない（バックアップなどから復旧する）', '支払う（人命がかかっている等の緊急時に限る）']);

    list = await openSelectOptions(user, screen.getByRole('textbox', { name: /判断の種類/ }));
    await user.click(list.getByRole('option', { name: 'その他の経営判断', hidden: true }));
    expect(screen.getByRole('textbox', { name: /^問い/ })).toHaveValue('');
    expect(optionLabels()).toEqual(['', '']);
    expect(screen.queryByTestId('request-guidance')).not.toBeInTheDocument();
  });

  it('offers only the safe options as the default applied on expiry', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RequestForm incidentId="i1" step={{ stepId: 'decide-ransom', title: '身代金' }} kinds={kinds} executives={executives} onDone={vi.fn()} />);
    const expiry = await openSelectOptions(user, screen.getByRole('textbox', { name: /期限までに判断がないとき/ }));
    await user.click(expiry.getByRole('option', { name: '安全な選択肢を自動で適用する', hidden: true }));
    const defaults = await openSelectOptions(user, screen.getByRole('textbox', { name: /自動で適用する選択肢/ }));
    expect(defaults.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual(['支払わない（バックアップなどから復旧する）']);
  });
});
