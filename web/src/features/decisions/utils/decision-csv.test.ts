import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { setOrgTimeZone } from '@/lib/format';
import { summary } from '../test/fixtures';
import { csvField, decisionsCsv } from './decision-csv';

describe('decision log CSV', () => {
  setOrgTimeZone('Asia/Tokyo');
  const items = [
    summary({
      id: 'd1',
      question: '身代金を支払いますか、それとも "復旧" を待ちますか',
      status: 'decided',
      optionLabel: '支払わない',
      decidedByName: '経営 太郎',
      decidedAt: '2026-12-03T10:30:00Z',
    }),
    summary({ id: 'd2', kind: 'business_stoppage', question: '業務を止めますか\n（2行目）' }),
  ];

  it('starts with a UTF-8 byte-order mark and ends every row with CRLF, headings in the language', () => {
    const csv = decisionsCsv(items, i18n.getFixedT('ja'), 'ja');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('依頼日時,受付番号,種類,問い,状態,判断期限,依頼者,決定した選択肢,判断した人,判断日時,判断の相違,改めた回数');
    expect(rows.at(-1)).toBe('');
    // the BOM-encoded bytes are what Excel looks for
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes Japanese as it is, times in the organisation zone, and quotes commas, quotes and line breaks', () => {
    const csv = decisionsCsv(items, i18n.getFixedT('ja'), 'ja');
    expect(csv).toContain(
      '2026/12/03 18:00,INC-2026-0042,身代金の支払い,"身代金を支払いますか、それとも ""復旧"" を待ちますか",決定済み,2026/12/03 21:00,佐藤 健,支払わない,経営 太郎,2026/12/03 19:30,,',
    );
    expect(csv).toContain('業務停止の範囲と期間,"業務を止めますか\n（2行目）",判断待ち');
  });

  it('writes English headings and values for an English user', () => {
    const csv = decisionsCsv(items, i18n.getFixedT('en'), 'en');
    expect(csv.slice(1).split('\r\n')[0]).toBe('Asked at,Reference,Kind,Question,Status,Needed by,Asked by,Option decided,Decided by,Decided at,Disagreement,Times replaced');
    expect(csv).toContain('"3 Dec 2026, 18:00",INC-2026-0042,Ransom payment,');
  });

  it('keeps a value that Excel would run as a formula as text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(null)).toBe('');
  });
});
