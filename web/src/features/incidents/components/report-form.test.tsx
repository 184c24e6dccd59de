import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { FileReportRequest, IncidentDetail } from '@/types';
import { ReportForm } from './report-form';

const filed: IncidentDetail = {
  id: '11111111-1111-1111-1111-111111111111',
  reference: 'INC-2026-0001',
  category: 'C1',
  summary: 'x',
  stage: 'detection',
  severity: null,
  ownerId: null,
  ownerName: null,
  reporterId: 'r',
  reporterName: '山田 花子',
  noticedAt: '2026-11-22T01:00:00Z',
  reportedAt: '2026-11-22T01:01:00Z',
  acknowledgedAt: null,
  updatedAt: '2026-11-22T01:01:00Z',
  version: 1,
  contact: null,
  deviceId: null,
  personalDataMayBeInvolved: false,
  disconnectedFromNetwork: true,
  triage: null,
  analysis: null,
  recovery: null,
  checklist: { playbook: null, earlierPlaybooks: [], steps: [], progress: [] },
  prevention: null,
  notes: [],
  exitCriteria: [{ code: 'acknowledged', met: false }],
  nextStage: 'triage',
};

function sentBody(fetchMock: { mock: { calls: ArrayLike<unknown>[] } }): FileReportRequest {
  return fetchJsonBody(fetchMock.mock.calls[0]?.[1] as RequestInit | undefined) as FileReportRequest;
}

describe('ReportForm', () => {
  it('quick pick sets the category and the body carries it', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...filed, category: 'C8' }, 201));
    const onFiled = vi.fn();
    renderWithProviders(<ReportForm onFiled={onFiled} />);

    const pick = screen.getByRole('radio', { name: 'メール・FAXの誤送信' });
    await user.click(pick);
    expect(pick).toHaveAttribute('aria-checked', 'true');
    // not a malware category: no disconnect instruction
    expect(screen.queryByText('まずネットワークから切り離してください')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText(/^何が起きたか/), '見積書を別の取引先に送ってしまった');
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));

    await waitFor(() => expect(onFiled).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/incidents');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    const body = sentBody(fetchMock);
    expect(body.category).toBe('C8');
    expect(body.summary).toBe('見積書を別の取引先に送ってしまった');
    expect(body).not.toHaveProperty('disconnectedFromNetwork');
  });

  it('malware shows the disconnect instruction and requires an answer', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(filed, 201));
    const onFiled = vi.fn();
    renderWithProviders(<ReportForm onFiled={onFiled} />);

    await user.click(screen.getByRole('radio', { name: 'ウイルス・不審な動作' }));
    expect(screen.getByText('まずネットワークから切り離してください')).toBeInTheDocument();
    expect(screen.getByText(/LANケーブルを抜く／Wi-Fiをオフにしてから報告してください/)).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^何が起きたか/), '添付ファイルを開いたら警告が出た');
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));
    expect(await screen.findByText('ネットワークから切断したかどうかを選んでください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: 'はい、切断しました' }));
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));
    await waitFor(() => expect(onFiled).toHaveBeenCalledWith(expect.objectContaining({ reference: 'INC-2026-0001' })));

    const body = sentBody(fetchMock);
    expect(body).toMatchObject({
      category: 'C1',
      summary: '添付ファイルを開いたら警告が出た',
      personalDataMayBeInvolved: false,
      disconnectedFromNetwork: true,
    });
    expect(Date.parse(body.noticedAt ?? '')).not.toBeNaN();
    expect(body.noticedAt ?? '').toMatch(/Z$/);
    expect(Date.parse(body.noticedAt ?? '')).toBeLessThanOrEqual(Date.now());
  });

  it('"1 hour ago" moves noticedAt back about an hour', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(filed, 201));
    renderWithProviders(<ReportForm onFiled={vi.fn()} />);
    await user.click(screen.getByRole('radio', { name: 'わからない' }));
    await user.type(screen.getByLabelText(/^何が起きたか/), '何かおかしい');
    await user.click(screen.getByRole('radio', { name: '1時間ほど前' }));
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const ago = Date.now() - Date.parse(sentBody(fetchMock).noticedAt ?? '');
    expect(ago).toBeGreaterThan(55 * 60_000);
    expect(ago).toBeLessThan(65 * 60_000);
  });

  it('requires a category and a description', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderWithProviders(<ReportForm onFiled={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));
    expect(await screen.findByText(/何が起きたかに近いものを選んでください/)).toBeInTheDocument();
    expect(screen.getByText('何が起きたかを一言でも書いてください')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows field errors from a 400 on the field', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse(
        {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
          title: 'One or more validation errors occurred.',
          status: 400,
          errors: { summary: ['サーバー側：内容が長すぎます'], Other: ['全体のエラー'] },
        },
        400,
      ),
    );
    const onFiled = vi.fn();
    renderWithProviders(<ReportForm onFiled={onFiled} />);
    await user.click(screen.getByRole('radio', { name: '不審なメール・フィッシング' }));
    const summary = screen.getByLabelText(/^何が起きたか/);
    await user.type(summary, '怪しいメール');
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));

    expect(await screen.findByText('サーバー側：内容が長すぎます')).toBeInTheDocument();
    expect(summary).toHaveAttribute('aria-invalid', 'true');
    // keys no field owns go to the form-level alert
    expect(screen.getByText('全体のエラー')).toBeInTheDocument();
    expect(onFiled).not.toHaveBeenCalled();
  });

  it('offers the departments that have a contact chain and sends the one chosen', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
      Promise.resolve(fetchUrl(input) === '/api/departments' ? jsonResponse({ items: ['経理部', '営業部'] }) : jsonResponse(filed, 201)),
    );
    const onFiled = vi.fn();
    renderWithProviders(<ReportForm onFiled={onFiled} />);
    await user.click(screen.getByRole('radio', { name: 'メール・FAXの誤送信' }));
    await user.type(screen.getByLabelText(/^何が起きたか/), '請求書を別の取引先に送った');
    // the optional details are closed: no extra request on the one-minute path
    expect(fetchMock).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: '詳しい情報（任意）' }));
    const department = screen.getByLabelText(/^所属部署/, { selector: 'input' });
    await waitFor(() => expect(fetchMock.mock.calls.map(([url]) => url)).toContain('/api/departments'));
    await user.type(department, '経');
    await user.click(await screen.findByRole('option', { name: '経理部', hidden: true }));
    expect(department).toHaveValue('経理部');
    await user.click(screen.getByRole('button', { name: '報告を送信する' }));

    await waitFor(() => expect(onFiled).toHaveBeenCalled());
    const post = fetchMock.mock.calls.find(([url]) => url === '/api/incidents')?.[1] as RequestInit;
    expect(fetchJsonBody(post)).toMatchObject({ category: 'C8', department: '経理部' });
  });

  it('always shows the no-blame reassurance', () => {
    renderWithProviders(<ReportForm onFiled={vi.fn()} />);
    expect(screen.getByText(/ルールに従って速やかに報告した人が責められることはありません/)).toBeInTheDocument();
  });
});
