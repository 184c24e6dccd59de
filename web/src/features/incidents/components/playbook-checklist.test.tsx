import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders, signedIn } from '@/test/render';
import type { ChecklistStep, IncidentDetail, Role } from '@/types';
import { PlaybookChecklist } from './playbook-checklist';
import { StageActions } from './stage-actions';

const tx = (ja: string, en = ja) => ({ ja, en });

function step(p: Partial<ChecklistStep> & Pick<ChecklistStep, 'stepId' | 'stage'>): ChecklistStep {
  return {
    playbookId: 'ransomware',
    role: 'responder',
    kind: 'task',
    grade: 'guidance',
    required: true,
    obligation: false,
    basic: true,
    applies: true,
    fromEarlierPlaybook: false,
    title: tx(`手順 ${p.stepId}`, `Step ${p.stepId}`),
    guidance: tx('説明文', 'Guidance'),
    evidencePrompt: tx('記録する内容', 'What to record'),
    evidenceField: null,
    party: null,
    source: {
      file: '003_8c09d1b49d27eae0.txt',
      lines: '684-705',
      derived: false,
      title: tx('テレワークセキュリティガイドライン 第4版', 'Telework Security Guidelines (4th edition)'),
      publisher: tx('総務省', 'Ministry of Internal Affairs and Communications (MIC)'),
      section: tx('3.(イ) トラブル事例と対策〈5〉アップデート', '3.(b) Trouble case 5: updates'),
    },
    status: 'open',
    evidence: null,
    reason: null,
    waiver: false,
    by: null,
    byName: null,
    at: null,
    ...p,
  };
}

const steps: ChecklistStep[] = [
  step({ stepId: 'disconnect', stage: 'detection', role: 'reporter', status: 'completed', byName: '山田 花子', at: '2026-11-20T01:00:00Z', evidence: '切断済み' }),
  step({ stepId: 'confirm-isolation', stage: 'triage', title: tx('端末の隔離を確認する', 'Confirm isolation') }),
  step({ stepId: 'decide-stoppage', stage: 'triage', role: 'executive', kind: 'decision', title: tx('業務停止の範囲を決める', 'Decide stoppage') }),
  step({ stepId: 'close-website', stage: 'triage', applies: false, title: tx('ホームページを閉鎖する', 'Close website') }),
  step({ stepId: 'policy', stage: 'prevention', title: tx('ポリシーに反映する', 'Update policy') }),
  step({ stepId: 'backups', stage: 'triage', role: 'admin', grade: '基本', obligation: true, title: tx('バックアップを切り離して保存する', 'Offline backups') }),
  step({ stepId: 'old-step', stage: 'triage', playbookId: 'malware', fromEarlierPlaybook: true, title: tx('以前の手順', 'Old step') }),
];

function incident(p: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: 'i1',
    reference: 'INC-2026-0006',
    category: 'C2',
    summary: '画面に身代金要求',
    stage: 'triage',
    severity: 'high',
    ownerId: null,
    ownerName: null,
    reporterId: 'r1',
    reporterName: '山田 花子',
    noticedAt: '2026-11-20T00:00:00Z',
    reportedAt: '2026-11-20T00:10:00Z',
    acknowledgedAt: '2026-11-20T00:20:00Z',
    updatedAt: '2026-11-20T00:20:00Z',
    version: 7,
    contact: null,
    deviceId: null,
    personalDataMayBeInvolved: false,
    disconnectedFromNetwork: true,
    triage: null,
    analysis: null,
    recovery: null,
    prevention: null,
    notes: [],
    exitCriteria: [],
    nextStage: 'analysis',
    checklist: {
      playbook: { id: 'ransomware', version: 1, contentHash: 'caefa230152127d1', category: 'C2', title: tx('ランサムウェア', 'Ransomware') },
      earlierPlaybooks: [{ id: 'malware', version: 1, contentHash: '6c75d090c8272edc', category: 'C1', title: tx('マルウェア感染', 'Malware') }],
      steps,
      progress: [
        { stage: 'detection', done: 1, total: 1, requiredOpen: 0 },
        { stage: 'triage', done: 0, total: 2, requiredOpen: 2 },
        { stage: 'analysis', done: 0, total: 0, requiredOpen: 0 },
        { stage: 'recovery', done: 0, total: 0, requiredOpen: 0 },
        { stage: 'prevention', done: 0, total: 1, requiredOpen: 1 },
      ],
    },
    ...p,
  };
}

const render = (roles: Role[], inc = incident()) =>
  renderWithProviders(<PlaybookChecklist incident={inc} roles={roles} />, { me: signedIn(roles) });
const stepCard = (id: string) => screen.getAllByTestId('checklist-step').find((el) => el.dataset.stepId === id)!;

describe('PlaybookChecklist', () => {
  it('groups steps by stage with progress, current stage first open, earlier playbook apart', () => {
    render(['Responder']);
    expect(screen.getByTestId('checklist-playbook')).toHaveTextContent('ランサムウェア');
    expect(screen.getByTestId('checklist-playbook')).toHaveTextContent('第1版');
    // the content hash is an admin's detail: a responder never sees it
    expect(screen.getByTestId('checklist-playbook')).not.toHaveTextContent('caefa230');
    expect(screen.queryByTestId('playbook-admin-detail')).not.toBeInTheDocument();

    const triage = screen.getByTestId('stage-triage');
    expect(within(triage).getByText('端末の隔離を確認する')).toBeInTheDocument();
    expect(within(triage).getByText('業務停止の範囲を決める')).toBeInTheDocument();
    expect(within(triage).queryByText('ポリシーに反映する')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('stage-prevention')).getByText('ポリシーに反映する')).toBeInTheDocument();
    expect(within(screen.getByTestId('progress-triage')).getByText('0/2 完了')).toBeInTheDocument();
    expect(within(screen.getByTestId('progress-triage')).getByText('必ず対応 残り2件')).toBeInTheDocument();
    // the current stage is expanded
    expect(within(triage).getByRole('button', { name: /初動対応/ })).toHaveAttribute('aria-expanded', 'true');
    expect(within(screen.getByTestId('stage-prevention')).getByRole('button', { name: /再発防止/ })).toHaveAttribute('aria-expanded', 'false');
    // earlier playbook steps: listed apart as history, never in the stages
    expect(within(triage).queryByText('以前の手順')).not.toBeInTheDocument();
    const earlier = screen.getByTestId('earlier-steps');
    expect(within(earlier).getByText('以前の手順')).toBeInTheDocument();
    expect(within(earlier).queryByRole('button', { name: '完了にする' })).not.toBeInTheDocument();
  });

  it('shows a responder the task actions but not the executive decision', () => {
    render(['Responder']);
    expect(within(stepCard('confirm-isolation')).getByRole('button', { name: '完了にする' })).toBeInTheDocument();
    expect(within(stepCard('confirm-isolation')).getByRole('button', { name: '省略する' })).toBeInTheDocument();
    expect(within(stepCard('decide-stoppage')).queryByRole('button', { name: '完了にする' })).not.toBeInTheDocument();
    expect(within(stepCard('decide-stoppage')).getByText('経営者が判断する手順')).toBeInTheDocument();
    // completed step: reopen, with who and evidence
    const done = stepCard('disconnect');
    expect(within(done).getByText(/山田 花子さんが完了/)).toBeInTheDocument();
    expect(within(done).getByText('切断済み')).toBeInTheDocument();
  });

  it('shows an executive only the decision (and waivers), a reporter nothing', () => {
    const { unmount } = render(['Executive']);
    expect(within(stepCard('decide-stoppage')).getByRole('button', { name: '完了にする' })).toBeInTheDocument();
    expect(within(stepCard('confirm-isolation')).queryByRole('button', { name: '完了にする' })).not.toBeInTheDocument();
    expect(within(stepCard('confirm-isolation')).queryByRole('button', { name: '省略する' })).not.toBeInTheDocument();
    // an obligation: an executive may waive it
    expect(within(stepCard('backups')).getByRole('button', { name: '省略する' })).toBeInTheDocument();
    unmount();
    render(['Reporter']);
    expect(screen.queryByRole('button', { name: '完了にする' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '省略する' })).not.toBeInTheDocument();
  });

  it('tells a responder that skipping an obligation is an executive waiver', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    render(['Responder']);
    const card = stepCard('backups');
    expect(within(card).getByText('基本').closest('[data-grade]')).toHaveAttribute('data-strong', 'true');
    await userEvent.click(within(card).getByRole('button', { name: '省略する' }));
    expect(within(card).getByTestId('executive-only-hint')).toHaveTextContent('省略（免除）できるのは経営者だけです');
    expect(within(card).queryByRole('button', { name: '省略として記録' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('dims steps whose condition does not hold and offers no action on them', () => {
    render(['Responder']);
    const card = stepCard('close-website');
    expect(card).toHaveAttribute('data-applies', 'false');
    expect(card.style.opacity).toBe('0.55');
    expect(within(card).getByTestId('not-applicable')).toHaveTextContent('いまは対象外');
    expect(within(card).queryByRole('button', { name: '完了にする' })).not.toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: '省略する' })).not.toBeInTheDocument();
  });

  it('"basic steps only" hides the others', async () => {
    const inc = incident();
    inc.checklist.steps = [...steps, step({ stepId: 'optional', stage: 'triage', basic: false, required: false, title: tx('任意の手順', 'Optional') })];
    render(['Responder'], inc);
    expect(screen.getByText('任意の手順')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('switch', { name: /基本の手順だけ表示/ }));
    expect(screen.queryByText('任意の手順')).not.toBeInTheDocument();
    expect(screen.getByText('端末の隔離を確認する')).toBeInTheDocument();
  });

  it('completes a step with the evidence it asks for, sending If-Match', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(incident({ version: 8 }))));
    render(['Responder']);
    const card = stepCard('confirm-isolation');
    await userEvent.click(within(card).getByRole('button', { name: '完了にする' }));
    await userEvent.click(within(card).getByRole('button', { name: '完了として記録' }));
    expect(await within(card).findByText('この手順で記録することを入力してください')).toBeInTheDocument();
    await userEvent.type(within(card).getByLabelText(/記録する内容/), 'PC-0421 を隔離');
    await userEvent.click(within(card).getByRole('button', { name: '完了として記録' }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/incidents/i1/steps/confirm-isolation/complete');
    expect((init?.headers as Record<string, string>)['If-Match']).toBe('"7"');
    expect(fetchJsonBody(init)).toEqual({ evidence: 'PC-0421 を隔離' });
  });

  it('a refused stage change names the open required steps by title and brings them into view', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(() =>
      Promise.resolve(
        jsonResponse(
          {
            title: 'Rule violated',
            status: 409,
            rules: [
              { code: 'severity_rated', message: 'cannot leave triage: severity has not been rated' },
              { code: 'required_step_open', message: 'step confirm-isolation is open', step: 'confirm-isolation' },
            ],
          },
          409,
        ),
      ),
    );
    const onShowSteps = vi.fn();
    renderWithProviders(<StageActions incident={incident()} onShowSteps={onShowSteps} />);
    await userEvent.click(screen.getByRole('button', { name: '次の段階へ進む' }));
    const link = await screen.findByRole('button', { name: '必ず対応する手順が終わっていません：端末の隔離を確認する' });
    expect(screen.getByText('重大度を評価している')).toBeInTheDocument();
    expect(onShowSteps).toHaveBeenCalledWith(['confirm-isolation']);
    await userEvent.click(link);
    expect(onShowSteps).toHaveBeenCalledTimes(2);
  });
  it('cites a step by the document and section, with the file and lines only in an admin detail', () => {
    render(['Responder']);
    const card = stepCard('confirm-isolation');
    expect(within(card).getByTestId('source-citation')).toHaveTextContent(
      '総務省「テレワークセキュリティガイドライン 第4版」 3.(イ) トラブル事例と対策〈5〉アップデート',
    );
    expect(card).not.toHaveTextContent('003_8c09d1b49d27eae0.txt');
    expect(within(card).queryByTestId('source-admin-detail')).not.toBeInTheDocument();
  });

  it('shows an admin the file, lines and content hash, folded away', async () => {
    const user = userEvent.setup();
    render(['Admin']);
    const detail = within(stepCard('confirm-isolation')).getByTestId('source-admin-detail');
    expect(detail.tagName).toBe('DETAILS');
    await user.click(within(detail).getByText('管理者向けの詳細'));
    expect(detail).toHaveTextContent('ファイル：003_8c09d1b49d27eae0.txt（684-705行目）');
    expect(screen.getByTestId('playbook-admin-detail')).toHaveTextContent('ハッシュ caefa230');
  });

  it('writes field evidence in the viewer\'s language only', () => {
    const done = step({
      stepId: 'disconnect',
      stage: 'detection',
      role: 'reporter',
      evidenceField: 'disconnectedFromNetwork',
      evidencePrompt: null,
      status: 'completed',
      byName: '山田 花子',
      at: '2026-11-20T01:00:00Z',
      evidence: '',
      fieldEvidence: { name: 'disconnectedFromNetwork', flag: true },
    });
    const inc = incident({ checklist: { ...incident().checklist, steps: [done, ...steps.slice(1)] } });
    render(['Responder'], inc);
    const evidence = within(stepCard('disconnect')).getByTestId('step-evidence');
    expect(evidence).toHaveTextContent('記録：ネットワークから切断済み');
    expect(evidence).not.toHaveTextContent('disconnected');
  });
});
