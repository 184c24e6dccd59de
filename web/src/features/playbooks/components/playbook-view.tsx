import { Alert, Anchor, Badge, Button, Group, List, Paper, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { GradeBadge, KindLabel, RequiredBadge, RoleBadge, SourceRef } from '@/components/ui/step-meta';
import { formatDateTime } from '@/lib/format';
import { AdminDetail } from '@/components/ui/admin-detail';
import { useIsAdmin } from '@/lib/auth';
import { shortHash, useLocalized } from '@/lib/localized';
import { OPEN_STAGES, type PlaybookStepView } from '@/types';
import { usePlaybook } from '../api/get-playbook';
import { conditionText } from '../utils/condition-text';
import { usePlaybookParams } from './use-playbook-params';

function StepCard({ step }: { step: PlaybookStepView }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const condition = conditionText(t, step.condition);
  return (
    <Paper withBorder p="sm" radius="md" data-testid="playbook-step" data-step-id={step.id}>
      <Stack gap={6}>
        <Text fw={600}>{l(step.title)}</Text>
        <Group gap={6}>
          <GradeBadge grade={step.grade} size="sm" />
          {step.required && <RequiredBadge size="sm" />}
          <RoleBadge role={step.role} size="sm" />
        </Group>
        <KindLabel kind={step.kind} party={l(step.party)} />
        {condition && (
          <Text size="sm" c="violet.9" data-testid="step-condition">
            {condition}
          </Text>
        )}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {l(step.guidance)}
        </Text>
        {step.evidencePrompt && (
          <Text size="sm" c="dimmed">
            {t('playbook.evidencePrompt', { prompt: l(step.evidencePrompt) })}
          </Text>
        )}
        {step.evidenceField && (
          <Text size="sm" c="dimmed">
            {t('playbook.evidenceFieldUsed', { field: t(`evidenceField.${step.evidenceField}`) })}
          </Text>
        )}
        <SourceRef source={step.source} />
      </Stack>
    </Paper>
  );
}

export function PlaybookView({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  const { version, basicOnly, set, search } = usePlaybookParams();
  const query = usePlaybook(id, { version, basicOnly });
  const admin = useIsAdmin();

  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const p = query.data;
  const printTo = `/playbooks/${encodeURIComponent(p.id)}/print${search ? `?${search}` : ''}`;
  const history = [...p.history].sort((a, b) => b.firstLoadedAt.localeCompare(a.firstLoadedAt));

  return (
    <Stack gap="lg" maw={960}>
      <Anchor component={Link} to="/playbooks" size="sm">
        ← {t('library.back')}
      </Anchor>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Group gap={6}>
            <Badge variant="light" radius="sm" tt="none">
              {t('playbook.categoryLabel', { code: p.category, name: t(`category.${p.category}`) })}
            </Badge>
            <Badge variant={p.current ? 'filled' : 'outline'} color={p.current ? 'teal' : 'gray'} radius="sm" tt="none">
              {p.current ? t('library.current') : t('library.older')}
            </Badge>
          </Group>
          <Title order={1} size="h2">
            {l(p.title)}
          </Title>
          <Text size="xs" c="dimmed" data-testid="playbook-version">
            {t('playbook.version', { version: p.version })}
          </Text>
          <AdminDetail testId="playbook-admin-detail">
            {t('playbook.hash', { hash: shortHash(p.contentHash) })} · {t('library.file', { file: p.fileName })}
          </AdminDetail>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{l(p.summary)}</Text>
          <Group gap="md" align="flex-end" mt="xs">
            <Select
              label={t('library.history')}
              data={history.map((h) => ({
                value: h.contentHash,
                label: t(admin ? 'library.versionOption' : 'library.versionOptionPlain', {
                  version: h.version,
                  date: formatDateTime(h.firstLoadedAt, i18n.language),
                  hash: shortHash(h.contentHash),
                }),
              }))}
              value={p.contentHash}
              onChange={(v) => set({ version: v && v !== history[0]?.contentHash ? v : null })}
              allowDeselect={false}
              w={{ base: '100%', sm: 340 }}
              comboboxProps={{ withinPortal: false }}
            />
            <Button component={Link} to={printTo} variant="default" leftSection={<IconPrinter size={16} aria-hidden />}>
              {t('library.print')}
            </Button>
          </Group>
          {!p.current && (
            <Alert color="yellow" p="xs">
              <Group gap="sm" justify="space-between">
                <Text size="sm">{t('library.olderNotice')}</Text>
                <Button size="xs" variant="light" onClick={() => set({ version: null })}>
                  {t('library.showCurrent')}
                </Button>
              </Group>
            </Alert>
          )}
        </Stack>
      </Paper>

      {p.signals.length > 0 && (
        <section aria-labelledby="signals-title">
          <Title order={2} size="h4" id="signals-title" mb="xs">
            {t('library.signals')}
          </Title>
          <List spacing={6} size="sm">
            {p.signals.map((s, i) => (
              <List.Item key={i}>
                {l(s.text)}{' '}
                <SourceRef source={s.source} />
              </List.Item>
            ))}
          </List>
        </section>
      )}

      <section aria-labelledby="steps-title">
        <Group justify="space-between" mb="xs" gap="xs">
          <Title order={2} size="h4" id="steps-title">
            {t('library.steps')}
          </Title>
          <Switch
            checked={basicOnly}
            onChange={(e) => set({ basicOnly: e.currentTarget.checked })}
            label={t('playbook.basicOnly')}
            description={t('playbook.basicOnlyHint')}
          />
        </Group>
        <Stack gap="lg">
          {OPEN_STAGES.map((stage) => {
            const steps = p.steps.filter((s) => s.stage === stage);
            return (
              <section key={stage} aria-labelledby={`stage-${stage}-title`} data-testid={`playbook-stage-${stage}`}>
                <Title order={3} size="h5" id={`stage-${stage}-title`} mb="xs" c="indigo.8">
                  {t(`stage.${stage}`)}{' '}
                  <Text span size="sm" c="dimmed">
                    ({steps.length})
                  </Text>
                </Title>
                <Stack gap="xs">
                  {steps.length === 0 && (
                    <Text size="sm" c="dimmed">
                      {t('checklist.noSteps')}
                    </Text>
                  )}
                  {steps.map((s) => (
                    <StepCard key={s.id} step={s} />
                  ))}
                </Stack>
              </section>
            );
          })}
        </Stack>
      </section>
    </Stack>
  );
}
