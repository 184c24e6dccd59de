import { Badge, Group, Text, type BadgeProps } from '@mantine/core';
import { IconGavel, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatCitation, gradeLabelKey, STRONG_GRADES } from '@/lib/step-meta';
import { AdminDetail } from './admin-detail';
import type { PlaybookRole, SourceView, StepGrade, StepKind } from '@/types';

/** The seed's grade; 基本/必須/SHALL (obligations) stand out, the rest stay quiet. */
export function GradeBadge({ grade, ...rest }: { grade: StepGrade } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  const strong = STRONG_GRADES.includes(grade);
  return (
    <Badge
      color={strong ? 'red.8' : grade === 'guidance' ? 'gray' : 'blue'}
      variant={strong ? 'filled' : 'light'}
      radius="sm"
      tt="none"
      data-grade={grade}
      data-strong={strong}
      {...rest}
    >
      {t(gradeLabelKey(grade))}
    </Badge>
  );
}

export function RequiredBadge(props: Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="outline" radius="sm" tt="none" title={t('playbook.requiredHint')} data-required {...props}>
      {t('playbook.required')}
    </Badge>
  );
}

export function RoleBadge({ role, ...rest }: { role: PlaybookRole } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="light" radius="sm" tt="none" {...rest}>
      {t('playbook.roleLabel', { role: t(`playbook.role.${role}`) })}
    </Badge>
  );
}

/** Kind with an icon: a decision is an executive's, a notify step names the party to inform. */
export function KindLabel({ kind, party }: { kind: StepKind; party?: string | null }) {
  const { t } = useTranslation();
  if (kind === 'task') return null;
  const Icon = kind === 'decision' ? IconGavel : IconSpeakerphone;
  return (
    <Group gap={4} wrap="nowrap" data-kind={kind}>
      <Icon size={16} aria-hidden color={kind === 'decision' ? 'var(--mantine-color-grape-7)' : 'var(--mantine-color-cyan-8)'} />
      <Text size="sm" fw={600} c={kind === 'decision' ? 'grape.8' : 'cyan.9'}>
        {kind === 'decision' ? t('playbook.kind.decision') : t('playbook.party', { party: party ?? '' })}
      </Text>
    </Group>
  );
}

/** The seed a step comes from, by title and section; its file and lines in an admin-only detail. */
export function SourceRef({ source }: { source: SourceView }) {
  const { t, i18n } = useTranslation();
  return (
    <Text size="xs" c="dimmed" component="span" data-testid="source-ref">
      {t('playbook.source')}: <Text span size="xs" data-testid="source-citation">{formatCitation(t, source, i18n.language)}</Text>
      {source.derived && (
        <Badge ml={6} size="xs" color="gray" variant="outline" radius="sm" tt="none" title={t('playbook.derivedHint')}>
          {t('playbook.derived')}
        </Badge>
      )}{' '}
      <AdminDetail testId="source-admin-detail">{t('playbook.sourceFile', { file: source.file, lines: source.lines })}</AdminDetail>
    </Text>
  );
}
