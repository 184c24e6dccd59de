import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { PrintSheet, PrintStep } from '@/components/ui/print-sheet';
import { formatDateTime } from '@/lib/format';
import { useIsAdmin } from '@/lib/auth';
import { shortHash, useLocalized } from '@/lib/localized';
import { formatCitation, formatSource, gradeLabelKey, STRONG_GRADES } from '@/lib/step-meta';
import { OPEN_STAGES, type SourceView } from '@/types';
import { evidenceLine } from '../utils/field-evidence';
import { useIncident } from '../api/get-incident';
import { RECORD_STAGES, stageRecord } from '../utils/stage-records';

/** The incident's checklist on paper (R40): what is done is printed, what is open gets lines to fill in. */
export function ChecklistPrint({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  const query = useIncident(id);
  const admin = useIsAdmin();
  const back = `/incidents/${encodeURIComponent(id)}`;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const incident = query.data;
  const { checklist } = incident;
  const steps = checklist.steps.filter((s) => !s.fromEarlierPlaybook);
  const lang = i18n.language;
  const cite = (s: SourceView) => formatCitation(t, s, lang) + (admin ? ` [${formatSource(s)}]` : '');
  const owners: Record<string, string> = incident.ownerId && incident.ownerName ? { [incident.ownerId]: incident.ownerName } : {};
  const progress = (stage: string) => checklist.progress.find((p) => p.stage === stage);
  // every stage form that has a record, the current stage's too: paper is the record when systems are down
  const records = RECORD_STAGES.map((stage) => stageRecord(incident, stage, t, lang)).filter((r) => r.byLine !== null);

  return (
    <PrintSheet backTo={back}>
      <header>
        <h1>
          {t('print.incidentTitle')} {incident.reference}
        </h1>
        <table className="print-meta">
          <tbody>
            <tr>
              <th>{t('print.reference')}</th>
              <td>{incident.reference}</td>
            </tr>
            <tr>
              <th>{t('print.category')}</th>
              <td>{t(`category.${incident.category}`)}</td>
            </tr>
            <tr>
              <th>{t('print.summary')}</th>
              <td className="print-summary">{incident.summary}</td>
            </tr>
            <tr>
              <th>{t('print.status')}</th>
              <td>
                {t('print.statusLine', {
                  stage: t(`stage.${incident.stage}`),
                  severity: incident.severity ? t(`severity.${incident.severity}`) : t('severity.unrated'),
                  owner: incident.ownerName ?? t('incident.unassigned'),
                })}
              </td>
            </tr>
            <tr>
              <th>{t('incident.reportedAt')}</th>
              <td>{t('print.reportedLine', { time: formatDateTime(incident.reportedAt, lang), name: incident.reporterName ?? '' })}</td>
            </tr>
            <tr>
              <th>{t('print.playbook')}</th>
              <td>
                {checklist.playbook
                  ? t(admin ? 'print.playbookLine' : 'print.playbookLinePlain', {
                      title: l(checklist.playbook.title),
                      version: checklist.playbook.version,
                      hash: shortHash(checklist.playbook.contentHash),
                    })
                  : t('checklist.noPlaybook')}
              </td>
            </tr>
            <tr>
              <th>{t('print.printed')}</th>
              <td>{formatDateTime(new Date().toISOString(), lang)}</td>
            </tr>
          </tbody>
        </table>
      </header>
      {OPEN_STAGES.map((stage) => {
        const list = steps.filter((s) => s.stage === stage);
        if (list.length === 0) return null;
        const p = progress(stage);
        return (
          <section key={stage} className="print-stage" data-testid={`print-stage-${stage}`}>
            <h2>
              {p
                ? t('print.stageHeading', { stage: t(`stage.${stage}`), progress: t('checklist.progress', { done: p.done, total: p.total }) })
                : t(`stage.${stage}`)}
              {incident.stage === stage && ` ${t('print.current')}`}
            </h2>
            {list.map((s) => (
              <div key={s.stepId} className={!s.applies && s.status === 'open' ? 'print-muted' : undefined}>
                <PrintStep
                  checked={s.status === 'completed' ? 'done' : s.status === 'skipped' ? 'skipped' : null}
                  title={l(s.title)}
                  tags={
                    <>
                      <span className={`print-tag${STRONG_GRADES.includes(s.grade) ? ' strong' : ''}`}>{t(gradeLabelKey(s.grade))}</span>
                      {s.required && <span className="print-tag">{t('playbook.required')}</span>}
                      <span className="print-tag">{t('playbook.roleLabel', { role: t(`playbook.role.${s.role}`) })}</span>
                      {s.kind === 'decision' && <span className="print-tag">{t('playbook.kind.decision')}</span>}
                      {s.kind === 'notify' && <span className="print-tag">{t('playbook.party', { party: l(s.party) })}</span>}
                      {!s.applies && <span className="print-tag">{t('checklist.notApplicable')}</span>}
                      {s.status !== 'open' && (
                        <span className="print-tag">{s.waiver ? t('checklist.waiver') : t(`checklist.status.${s.status}`)}</span>
                      )}
                    </>
                  }
                  details={
                    <>
                      {s.evidencePrompt && <div className="print-evidence">{t('playbook.evidencePrompt', { prompt: l(s.evidencePrompt) })}</div>}
                      {s.evidenceField && (
                        <div className="print-evidence">{t('playbook.evidenceFieldUsed', { field: t(`evidenceField.${s.evidenceField}`) })}</div>
                      )}
                      <div className="print-source">
                        {t('playbook.source')}: {cite(s.source)}
                        {s.source.derived && t('print.derived')}
                      </div>
                    </>
                  }
                  filled={
                    s.status === 'open'
                      ? null
                      : {
                          who: s.byName ?? '',
                          when: formatDateTime(s.at, lang),
                          note: (s.status === 'completed' ? evidenceLine(t, lang, s.fieldEvidence ?? null, s.evidence, owners) : s.reason) ?? '',
                        }
                  }
                />
              </div>
            ))}
          </section>
        );
      })}
      {records.length > 0 && (
        <section className="print-stage" data-testid="print-records">
          <h2>{t('records.printTitle')}</h2>
          {records.map((r) => (
            <div key={r.stage} data-testid={`print-record-${r.stage}`}>
              <h3>
                {t(`incident.formTitle.${r.stage}`)}
                {r.byLine && <span className="print-recorded-by"> — {r.byLine}</span>}
              </h3>
              <table className="print-meta print-record">
                <tbody>
                  {r.rows.map((row) => (
                    <tr key={row.key}>
                      <th>{row.label}</th>
                      <td className="print-summary">{Array.isArray(row.value) ? row.value.join('\n') : row.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      )}
    </PrintSheet>
  );
}
