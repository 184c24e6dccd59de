import { Alert, Anchor, Badge, Button, Grid, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBook, IconCheck, IconStar } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DrillBadge, DrillBanner } from '@/components/ui/drill-banner';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { formatDateTime } from '@/lib/format';
import { pickText } from '@/lib/localized';
import { formatCitation } from '@/lib/step-meta';
import type { DecisionDetail, IncidentSnapshot } from '@/types';
import { useDecision } from '../api/get-decision';
import { DecisionCountdown, DecisionStatusBadge } from './decision-badges';
import { DecideForm } from './decide-form';
import { InfoPanel } from './info-panel';
import { WithdrawForm } from './withdraw-form';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

const FIVE_W = ['who', 'what', 'when', 'where', 'why', 'how'] as const;

/** The snapshot names what is not known yet by its field ("five_w1h.who", "scope"): said in words. */
function unknownFactLabel(t: TFunction, code: string): string {
  const fiveW = /^five_w1h\.(who|what|when|where|why|how)$/.exec(code);
  if (fiveW) return t(`decisions.fiveW.${fiveW[1]}`);
  if (code === 'scope') return t('decisions.scope');
  if (code === 'severity') return t('decisions.severity');
  return code;
}

/** The incident as the approvers were shown it when asked. */
export function SnapshotCard({ snapshot, title }: { snapshot: IncidentSnapshot; title: string }) {
  const { t } = useTranslation();
  const fiveW = snapshot.fiveW1H;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} data-testid="decision-snapshot">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" ff="monospace" fw={700}>
            {snapshot.reference}
          </Text>
          <SeverityBadge severity={snapshot.severity} size="sm" />
          <Badge variant="outline" size="sm" radius="sm" tt="none">
            {t(`stage.${snapshot.stage}`)}
          </Badge>
          <Text size="sm">{t(`category.${snapshot.category}`)}</Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {snapshot.summary}
        </Text>
        {fiveW && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {FIVE_W.map((k) => (
              <Fact key={k} label={t(`decisions.fiveW.${k}`)}>
                {fiveW[k].unknown ? t('decisions.unknownYet') : fiveW[k].value || '—'}
              </Fact>
            ))}
          </SimpleGrid>
        )}
        {snapshot.scope && <Fact label={t('decisions.scope')}>{snapshot.scope}</Fact>}
        <Fact label={t('decisions.containmentDone')}>
          {snapshot.containmentDone.length === 0 ? (
            t('decisions.none')
          ) : (
            <List size="sm" spacing={2}>
              {snapshot.containmentDone.map((c) => (
                <List.Item key={c}>{c}</List.Item>
              ))}
            </List>
          )}
        </Fact>
        {snapshot.unknownFacts.length > 0 && (
          <Fact label={t('decisions.unknownFacts')}>{snapshot.unknownFacts.map((c) => unknownFactLabel(t, c)).join(t('decisions.listSeparator'))}</Fact>
        )}
      </Stack>
    </Paper>
  );
}

function Options({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="decision-options">
      {decision.options.map((o) => {
        const chosen = decision.outcome?.optionId === o.id;
        const recommended = decision.recommendedOptionId === o.id;
        return (
          <Paper
            key={o.id}
            withBorder
            p="sm"
            radius="md"
            data-option-id={o.id}
            style={{ borderColor: chosen ? 'var(--mantine-color-teal-6)' : undefined, borderWidth: chosen ? 2 : undefined }}
          >
            <Group gap={6} wrap="wrap">
              {chosen && (
                <ThemeIcon color="teal" radius="xl" size={20} aria-hidden>
                  <IconCheck size={14} />
                </ThemeIcon>
              )}
              <Text fw={600} size="sm">
                {o.label}
              </Text>
              {recommended && (
                <Badge color="indigo" variant="light" size="sm" radius="sm" tt="none" leftSection={<IconStar size={11} aria-hidden />}>
                  {t('decisions.recommended')}
                </Badge>
              )}
              {chosen && (
                <Badge color="teal" size="sm" radius="sm" tt="none">
                  {t('decisions.chosen')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {o.consequence}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}

function Outcome({ decision }: { decision: DecisionDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const o = decision.outcome;
  return (
    <Stack gap="xs" data-testid="decision-outcome">
      {decision.status === 'withdrawn' && (
        <Alert color="gray" title={t('decisions.status.withdrawn')}>
          <Text size="sm">{t('decisions.withdrawnAt', { time: formatDateTime(decision.withdrawnAt, lang) })}</Text>
          {decision.withdrawReason && <Text size="sm">{decision.withdrawReason}</Text>}
        </Alert>
      )}
      {decision.status === 'lapsed' && !o && (
        <Alert color="red" title={t('decisions.status.lapsed')}>
          {t('decisions.lapsedNoDecision', { time: formatDateTime(decision.lapsedAt, lang) })}
        </Alert>
      )}
      {o && (
        <Alert color="teal" title={t(o.byTimer ? 'decisions.outcomeByTimer' : 'decisions.outcomeTitle', { option: o.optionLabel })}>
          <Stack gap={4}>
            <Text size="sm">
              {o.byTimer
                ? t('decisions.appliedAt', { time: formatDateTime(o.decidedAt, lang) })
                : t('decisions.decidedBy', { name: o.decidedByName ?? '', time: formatDateTime(o.decidedAt, lang) })}
            </Text>
            {o.conditions && <Fact label={t('decisions.conditions')}>{o.conditions}</Fact>}
            <Fact label={t('decisions.rationale')}>{o.rationale}</Fact>
            {o.supersedeReason && <Fact label={t('decisions.supersedeReason')}>{o.supersedeReason}</Fact>}
          </Stack>
        </Alert>
      )}
      {decision.superseded.map((s) => (
        <Paper key={`${s.decidedAt}-${s.optionId}`} withBorder p="xs" radius="sm" data-testid="superseded">
          <Text size="xs" c="dimmed">
            {t('decisions.supersededEarlier', { name: s.decidedByName ?? '', time: formatDateTime(s.decidedAt, lang) })}
          </Text>
          <Text size="sm" td="line-through">
            {s.optionLabel}
          </Text>
          <Text size="sm">{s.rationale}</Text>
        </Paper>
      ))}
    </Stack>
  );
}

function Approvers({ decision }: { decision: DecisionDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed">
        {t(`decisions.quorum.${decision.quorum}`)}
        {decision.reach !== 'approvers' && ` ・ ${t(`decisions.reach.${decision.reach}`)}`}
      </Text>
      {decision.approvers.map((a) => (
        <Group key={a.accountId} gap={6} wrap="wrap" data-testid="approver">
          <Text size="sm" fw={600}>
            {a.name}
          </Text>
          {a.deputyName && (
            <Text size="xs" c="dimmed">
              {t('decisions.deputyOf', { name: a.deputyName })}
            </Text>
          )}
          {a.vote ? (
            <Badge color="teal" variant="light" size="sm" radius="sm" tt="none">
              {t('decisions.votedFor', {
                option: decision.options.find((o) => o.id === a.vote?.optionId)?.label ?? a.vote.optionId,
                time: formatDateTime(a.vote.at, i18n.language),
              })}
            </Badge>
          ) : (
            <Text size="xs" c="dimmed">
              {t('decisions.notVoted')}
            </Text>
          )}
        </Group>
      ))}
      {decision.disagreement && (
        <Alert color="orange" p="xs">
          {t('decisions.disagreement')}
        </Alert>
      )}
    </Stack>
  );
}

interface Props {
  id: string;
  /** the caller is an Executive (may ask for information, supersede) */
  isExecutive: boolean;
  /** the caller is a responder or admin (answers questions, withdraws) */
  isRequesterSide: boolean;
  /** a short timeline of the incident (the route composes it from the incidents feature) */
  timeline?: (incidentId: string) => ReactNode;
}

export function DecisionView({ id, isExecutive, isRequesterSide, timeline }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = useDecision(id);
  const [mode, setMode] = useState<'withdraw' | 'supersede' | null>(null);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  const open = d.status === 'requested' || d.status === 'info_asked';
  const guidance = d.guidance.text ? pickText(d.guidance.text, lang) : '';

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md">
          {d.drill && <DrillBanner about="decision" />}
          <Paper withBorder p="md" radius="md">
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                {d.drill && <DrillBadge />}
                <Badge variant="outline" radius="sm" tt="none">
                  {t(`decisions.kind.${d.kind}`)}
                </Badge>
                <DecisionStatusBadge status={d.status} />
                {open && <DecisionCountdown neededBy={d.neededBy} />}
              </Group>
              <Title order={1} size="h3" data-testid="decision-question">
                {d.question}
              </Title>
              <Text size="sm">
                <Anchor component={Link} to={`/incidents/${d.incidentId}`} ff="monospace" fw={700}>
                  {d.incidentReference}
                </Anchor>
              </Text>
              <Text size="xs" c="dimmed">
                {t('decisions.requestedBy', { name: d.requestedByName ?? '', time: formatDateTime(d.requestedAt, lang) })}
                {' ・ '}
                {t('decisions.neededByAt', { time: formatDateTime(d.neededBy, lang) })}
              </Text>
            </Stack>
          </Paper>
          <Outcome decision={d} />
          {guidance && (
            <Alert color="yellow" variant="light" icon={<IconBook size={18} aria-hidden />} title={t('decisions.guidanceTitle')} data-testid="decision-guidance">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {guidance}
              </Text>
              <Text size="xs" c="dimmed" mt={4} data-testid="decision-guidance-source">
                {t('decisions.source', {
                  source: d.guidance.citations.map((c) => formatCitation(t, c, i18n.language)).join(t('decisions.listSeparator')),
                })}
              </Text>
            </Alert>
          )}
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decision-options">
            <Stack gap="sm">
              <Title order={2} size="h4" id="decision-options">
                {t('decisions.optionsTitle')}
              </Title>
              <Options decision={d} />
              {d.recommendation && <Fact label={t('decisions.recommendation')}>{d.recommendation}</Fact>}
              <Fact label={t('decisions.context')}>{d.context}</Fact>
              {d.unknowns.length > 0 && (
                <Fact label={t('decisions.unknowns')}>
                  <List size="sm" spacing={2}>
                    {d.unknowns.map((u) => (
                      <List.Item key={u}>{u}</List.Item>
                    ))}
                  </List>
                </Fact>
              )}
            </Stack>
          </Paper>
          <SnapshotCard snapshot={d.snapshot} title={t('decisions.snapshotTitle')} />
          {open && d.mayDecide && (
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decide-title" style={{ borderColor: 'var(--mantine-color-indigo-4)' }}>
              <Stack gap="sm">
                <Title order={2} size="h4" id="decide-title">
                  {t('decisions.decideTitle')}
                </Title>
                <DecideForm decision={d} />
              </Stack>
            </Paper>
          )}
          {open && !d.mayDecide && isExecutive && (
            <Text size="sm" c="dimmed">
              {t('decisions.notYourDecision')}
            </Text>
          )}
          <InfoPanel decision={d} mayAsk={isExecutive && d.mayDecide} mayAnswer={isRequesterSide} />
          {d.status === 'decided' && isExecutive && (
            <Paper withBorder p="md" radius="md">
              {mode === 'supersede' ? (
                <Stack gap="sm">
                  <Title order={2} size="h4">
                    {t('decisions.supersedeTitle')}
                  </Title>
                  <DecideForm decision={d} supersede onDone={() => setMode(null)} />
                </Stack>
              ) : (
                <Button variant="light" color="orange" onClick={() => setMode('supersede')}>
                  {t('decisions.supersede')}
                </Button>
              )}
            </Paper>
          )}
          {open && isRequesterSide && (
            <Paper withBorder p="md" radius="md">
              {mode === 'withdraw' ? (
                <WithdrawForm decision={d} onDone={() => setMode(null)} />
              ) : (
                <Button variant="subtle" color="red" onClick={() => setMode('withdraw')}>
                  {t('decisions.withdraw')}
                </Button>
              )}
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="md">
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decision-approvers">
            <Stack gap="xs">
              <Title order={2} size="h4" id="decision-approvers">
                {t('decisions.approversTitle')}
              </Title>
              <Approvers decision={d} />
            </Stack>
          </Paper>
          {timeline?.(d.incidentId)}
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
