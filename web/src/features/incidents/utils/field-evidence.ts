import type { TFunction } from 'i18next';
import { formatDateTime } from '@/lib/format';
import type { FieldEvidence } from '@/types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The field evidence of a step_completed event or checklist step, if it has one (the raw JSON is untyped). */
export function asFieldEvidence(v: unknown): FieldEvidence | null {
  return isRecord(v) && typeof v.name === 'string' ? (v as unknown as FieldEvidence) : null;
}

/**
 * A step's field evidence in the viewer's language and the organisation's time zone: the event stores which field
 * and its raw value, never text in one language (「ネットワークから切断済み」 / "Disconnected from the network").
 * `names` resolves an owner's account id.
 */
export function describeFieldEvidence(t: TFunction, lang: string, fe: FieldEvidence, names: Record<string, string> = {}): string {
  const list = (xs: string[]) => xs.join(t('fieldEvidence.separator'));
  switch (fe.name) {
    case 'disconnectedFromNetwork':
      return fe.flag ? t('fieldEvidence.disconnected') : t('fieldEvidence.notDisconnected');
    case 'severity':
      return fe.severity ? t('fieldEvidence.severity', { severity: t(`severity.${fe.severity}`) }) : '';
    case 'owner':
      return t('fieldEvidence.owner', { name: (fe.text && names[fe.text]) || fe.text || '' });
    case 'containmentActions':
      return t('fieldEvidence.containmentActions', { actions: list(fe.items ?? []) });
    case 'notifiedParties':
      return t('fieldEvidence.notifiedParties', {
        parties: list(
          (fe.parties ?? []).map((p) =>
            t(p.how ? 'fieldEvidence.partyHow' : 'fieldEvidence.party', { party: p.party, at: formatDateTime(p.notifiedAt, lang), how: p.how ?? '' }),
          ),
        ),
      });
    case 'report':
      return t('fieldEvidence.report', { reference: fe.text ?? '' });
    case 'deviceId':
    case 'contact':
    case 'rootCause':
      return t(`fieldEvidence.${fe.name}`, { value: fe.text ?? '' });
    default:
      return t('fieldEvidence.text', { field: t(`evidenceField.${String(fe.name)}`), value: fe.text ?? '' });
  }
}

/** The field's value, then the note typed with it (if any), as one line. */
export function evidenceLine(t: TFunction, lang: string, fe: FieldEvidence | null, note: string | null | undefined, names?: Record<string, string>) {
  const value = fe ? describeFieldEvidence(t, lang, fe, names) : '';
  const n = note?.trim() ?? '';
  if (value && n) return t('fieldEvidence.withNote', { value, note: n });
  return value || n;
}
