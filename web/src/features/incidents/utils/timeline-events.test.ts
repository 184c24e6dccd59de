import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import type { TimelineEntry } from '@/types';
import { describeFieldEvidence } from './field-evidence';
import { describeEvent, isSystemEntry, SYSTEM_ACTOR_ID } from './timeline-events';

const ja = i18n.getFixedT('ja');
const en = i18n.getFixedT('en');

let seq = 0;
const entry = (type: string, data: Record<string, unknown>, actorName: string | null = '山田 花子 (営業部)', actorId = 'u-yamada'): TimelineEntry => ({
  seq: ++seq,
  version: seq,
  type,
  at: '2026-12-02T09:31:00Z',
  actorId,
  actorName,
  data,
  stream: 'incident',
});

const say = (e: TimelineEntry, lang: 'ja' | 'en', names: Record<string, string> = {}) =>
  describeEvent(lang === 'ja' ? ja : en, e, { lang, names });

describe('timeline sentences', () => {
  it('read as Japanese staff write them: さん after the name, the department after it in full-width brackets', () => {
    const reported = entry('incident_reported', { category: 'C1' });
    expect(say(reported, 'ja').text).toBe('山田 花子さん（営業部）が「ウイルス・不審な動作」として報告しました');
    expect(say(reported, 'en').text).toBe('山田 花子 (営業部) reported it as ' + en('category.C1'));
    const assigned = entry('incident_assigned', { ownerId: 'u-sato' }, '鈴木 一郎');
    expect(say(assigned, 'ja', { 'u-sato': '佐藤 健' }).text).toBe('鈴木 一郎さんが佐藤 健さんを対応責任者にしました');
    expect(say(assigned, 'en', { 'u-sato': '佐藤 健' }).text).toBe('鈴木 一郎 made 佐藤 健 the owner');
    const advanced = entry('stage_advanced', { from: 'triage', to: 'analysis' }, '鈴木 一郎');
    expect(say(advanced, 'ja').text).toBe('鈴木 一郎さんが段階を「初動対応」から「分析」に進めました');
    const acked = entry('incident_acknowledged', { viaLink: { recipientName: '高橋 誠 (情報システム部)', address: 't@example.test' } }, null);
    expect(say(acked, 'ja').text).toBe('高橋 誠さん（情報システム部）がメールのリンクから受付を確認しました');
  });

  it('has no space between Japanese words and particles, and no half-width brackets around Japanese', () => {
    const types: [string, Record<string, unknown>][] = [
      ['incident_reported', { category: 'C2' }],
      ['incident_acknowledged', {}],
      ['incident_triaged', { severity: 'high' }],
      ['severity_rerated', { from: 'high', to: 'medium', reason: '個人情報なし' }],
      ['analysis_recorded', {}],
      ['recovery_recorded', {}],
      ['prevention_recorded', {}],
      ['stage_advanced', { from: 'analysis', to: 'recovery' }],
      ['note_added', { text: 'メモ' }],
      ['incident_reclassified', { from: 'C1', to: 'C2', reason: '暗号化を確認' }],
      ['incident_assigned', { ownerId: 'u-sato' }],
      ['step_completed', { stepId: 'x', evidence: '済' }],
      ['step_skipped', { stepId: 'x', reason: '対象外' }],
      ['step_reopened', { stepId: 'x' }],
      ['possible_duplicate_flagged', { otherReference: 'INC-2026-0004', similarity: 0.92 }],
    ];
    for (const [type, data] of types) {
      // the space inside a person's name (山田 花子) is theirs; any other space between Japanese text is stray
      const text = say(entry(type, data), 'ja', { 'u-sato': '佐藤 健' }).text.replaceAll('山田 花子', '山田花子').replaceAll('佐藤 健', '佐藤健');
      expect(text, type).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff）」] [\u3040-\u30ff\u4e00-\u9fff（「]/u);
      expect(text, type).not.toMatch(/ [がをにへの]/u);
      expect(text, type).not.toMatch(/\(営業部\)|\)さん/u);
    }
  });

  it('gives a possible duplicate its own sentence, by IncidentDesk, never by the reporter', () => {
    const flagged = entry('possible_duplicate_flagged', { otherIncidentId: 'i-4', otherReference: 'INC-2026-0004', similarity: 0.92 }, 'IncidentDesk', SYSTEM_ACTOR_ID);
    expect(say(flagged, 'ja').text).toBe('INC-2026-0004と重複している可能性があります（IncidentDesk）');
    expect(say(flagged, 'ja').detail).toBe('同じ報告者が1時間以内に同じ種類で報告しており、文面の類似度は92%です');
    expect(say(flagged, 'en').text).toBe('IncidentDesk flagged it as a possible duplicate of INC-2026-0004');
    expect(isSystemEntry(flagged)).toBe(true);
    // even if the event named the reporter as its actor, the sentence does not
    expect(say(entry('possible_duplicate_flagged', { otherReference: 'INC-2026-0004', similarity: 0.9 }), 'ja').text).not.toContain('山田');
  });

  it('writes field evidence in the viewer\'s language only, and old bilingual events upcast by the API read the same', () => {
    const done = entry('step_completed', { stepId: 'disconnect-lan', evidence: '', field: { name: 'disconnectedFromNetwork', flag: true } });
    expect(say(done, 'ja').detail).toBe('記録：ネットワークから切断済み');
    expect(say(done, 'en').detail).toBe('Evidence: Disconnected from the network');
    const withNote = entry('step_completed', { stepId: 'rate', evidence: '会議で決定', field: { name: 'severity', severity: 'high' } });
    expect(say(withNote, 'ja').detail).toBe('記録：重大度：高（会議で決定）');
    expect(say(withNote, 'en').detail).toBe('Evidence: Severity: High (会議で決定)');
  });

  it('writes notified parties in the organisation\'s time zone and the viewer\'s date format', () => {
    const fe = { name: 'notifiedParties' as const, parties: [{ party: '営業部長', notifiedAt: '2026-12-02T09:31:00Z', how: '電話' }] };
    expect(describeFieldEvidence(ja, 'ja', fe)).toBe('連絡済み：営業部長（2026/12/02 18:31・電話）');
    expect(describeFieldEvidence(en, 'en', fe)).toBe('Notified: 営業部長 (2 Dec 2026, 18:31, 電話)');
  });

  it('names the owner evidence by name and the report by its 受付番号', () => {
    expect(describeFieldEvidence(ja, 'ja', { name: 'owner', text: 'u-sato' }, { 'u-sato': '佐藤 健' })).toBe('対応責任者：佐藤 健');
    expect(describeFieldEvidence(ja, 'ja', { name: 'report', text: 'INC-2026-0005' })).toBe('受付番号 INC-2026-0005 として報告済み');
    expect(describeFieldEvidence(en, 'en', { name: 'report', text: 'INC-2026-0005' })).toBe('Reported as INC-2026-0005');
  });

  it('shows the playbook\'s content hash to admins only', () => {
    const reported = entry('incident_reported', { category: 'C2', playbook: { id: 'ransomware', version: 3, contentHash: 'caefa230152127d1' } });
    expect(describeEvent(ja, reported, { lang: 'ja' }).detail).toBe('適用したプレイブック：ransomware（第3版）');
    expect(describeEvent(ja, reported, { lang: 'ja', admin: true }).detail).toBe('適用したプレイブック：ransomware（第3版・ハッシュ caefa230）');
  });
});
