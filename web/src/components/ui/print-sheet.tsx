import { Button } from '@mantine/core';
import { IconArrowLeft, IconPrinter } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './language-switch';
import './print-sheet.css';

/** A page for paper: no app shell, black on white; the toolbar disappears when printing. */
export function PrintSheet({ backTo, children }: { backTo: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="print-sheet">
      <div className="print-toolbar" data-testid="print-toolbar">
        <Button component={Link} to={backTo} variant="default" size="xs" leftSection={<IconArrowLeft size={16} aria-hidden />}>
          {t('print.back')}
        </Button>
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <LanguageSwitch />
          <Button size="xs" color="dark" leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
            {t('print.button')}
          </Button>
        </div>
        <span className="print-hint">{t('print.hint')}</span>
      </div>
      <div className="print-body">{children}</div>
    </div>
  );
}

/** One step on paper: a box to tick, the step, and lines to write who and when. */
export function PrintStep({
  checked,
  title,
  tags,
  details,
  filled,
}: {
  checked?: 'done' | 'skipped' | null;
  title: ReactNode;
  tags: ReactNode;
  details: ReactNode;
  /** what the system already knows (who/when/evidence); blank lines otherwise */
  filled?: { who: string; when: string; note: string } | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="print-step" data-testid="print-step">
      <div className="print-box" aria-hidden>
        {checked === 'done' ? '✓' : checked === 'skipped' ? '－' : ''}
      </div>
      <div>
        <div className="print-step-title">{title}</div>
        <div className="print-tags">{tags}</div>
        {details}
        <div className="print-write">
          <div className="line">
            {t('print.who')}
            {filled?.who}
          </div>
          <div className="line">
            {t('print.when')}
            {filled?.when}
          </div>
          <div className="line wide">
            {t('print.note')}
            {filled?.note}
          </div>
        </div>
      </div>
    </div>
  );
}
