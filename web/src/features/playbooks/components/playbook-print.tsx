import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { PrintSheet, PrintStep } from '@/components/ui/print-sheet';
import { formatDateTime } from '@/lib/format';
import { useIsAdmin } from '@/lib/auth';
import { shortHash, useLocalized } from '@/lib/localized';
import { formatCitation, formatSource, gradeLabelKey, STRONG_GRADES } from '@/lib/step-meta';
import { OPEN_STAGES, type SourceView } from '@/types';
import { usePlaybook } from '../api/get-playbook';
import { conditionText } from '../utils/condition-text';
import { usePlaybookParams } from './use-playbook-params';

/** A playbook on paper (R40): a box per step, lines for who and when, one stage per page. */
export function PlaybookPrint({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  const { version, basicOnly, search } = usePlaybookParams();
  const query = usePlaybook(id, { version, basicOnly });
  const admin = useIsAdmin();
  const cite = (s: SourceView) => formatCitation(t, s, i18n.language) + (admin ? ` [${formatSource(s)}]` : '');
  const back = `/playbooks/${encodeURIComponent(id)}${search ? `?${search}` : ''}`;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  return (
    <PrintSheet backTo={back}>
      <header>
        <h1>{l(p.title)}</h1>
        <div className="print-tags">
          {t(admin ? 'print.playbookMeta' : 'print.playbookMetaPlain', {
            category: t('playbook.categoryLabel', { code: p.category, name: t(`category.${p.category}`) }),
            version: p.version,
            hash: shortHash(p.contentHash),
            file: p.fileName,
          })}
        </div>
        <div className="print-tags">
          {basicOnly && <span className="print-tag">{t('playbook.basicOnly')}</span>}
          {t('print.printedAt', { time: formatDateTime(new Date().toISOString(), i18n.language) })}
        </div>
        <p className="print-guidance">{l(p.summary)}</p>
        {p.signals.length > 0 && (
          <>
            <strong>{t('library.signals')}</strong>
            <ul className="print-signals">
              {p.signals.map((s, i) => (
                <li key={i}>
                  {l(s.text)} <span className="print-source">{t('print.sourceParen', { source: cite(s.source) })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </header>
      {OPEN_STAGES.map((stage) => {
        const steps = p.steps.filter((s) => s.stage === stage);
        if (steps.length === 0) return null;
        return (
          <section key={stage} className="print-stage" data-testid={`print-stage-${stage}`}>
            <h2>{t('print.stageCount', { stage: t(`stage.${stage}`), n: steps.length })}</h2>
            {steps.map((s) => {
              const condition = conditionText(t, s.condition);
              return (
                <PrintStep
                  key={s.id}
                  title={l(s.title)}
                  tags={
                    <>
                      <span className={`print-tag${STRONG_GRADES.includes(s.grade) ? ' strong' : ''}`}>{t(gradeLabelKey(s.grade))}</span>
                      {s.required && <span className="print-tag">{t('playbook.required')}</span>}
                      <span className="print-tag">{t('playbook.roleLabel', { role: t(`playbook.role.${s.role}`) })}</span>
                      {s.kind === 'decision' && <span className="print-tag">{t('playbook.kind.decision')}</span>}
                      {s.kind === 'notify' && <span className="print-tag">{t('playbook.party', { party: l(s.party) })}</span>}
                    </>
                  }
                  details={
                    <>
                      {condition && <div className="print-evidence">{condition}</div>}
                      <div className="print-guidance">{l(s.guidance)}</div>
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
                />
              );
            })}
          </section>
        );
      })}
    </PrintSheet>
  );
}
