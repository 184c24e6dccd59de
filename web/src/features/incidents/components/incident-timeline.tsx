import { Badge, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { pickText, shortHash } from '@/lib/localized';
import type { IncidentChecklist, TimelineEntry } from '@/types';
import { useTimeline } from '../api/get-timeline';
import {
  describeEscalationEvent,
  type EscalationContext,
  escalationContext,
  isEscalationEntry,
  isSettledQueuedEntry,
} from '../utils/escalation-events';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Names for playbook steps and playbooks in events, from the incident's checklist. */
export interface PlaybookNames {
  step: (playbookId: string, stepId: string) => string | undefined;
  playbook: (id: string) => string | undefined;
}

function playbookNames(checklist: IncidentChecklist | undefined, lang: string): PlaybookNames {
  const steps = checklist?.steps ?? [];
  const refs = checklist ? [...(checklist.playbook ? [checklist.playbook] : []), ...checklist.earlierPlaybooks] : [];
  return {
    step: (playbookId, stepId) => {
      const s = steps.find((x) => x.stepId === stepId && (!playbookId || x.playbookId === playbookId)) ?? steps.find((x) => x.stepId === stepId);
      return s ? pickText(s.title, lang) : undefined;
    },
    playbook: (id) => {
      const p = refs.find((r) => r.id === id);
      return p ? pickText(p.title, lang) : undefined;
    },
  };
}

/** One event as a sentence in the current language. */
function describeEvent(
  t: TFunction,
  e: TimelineEntry,
  names: Record<string, string> = {},
  pb?: PlaybookNames,
  esc?: EscalationContext,
): { text: string; detail?: string } {
  const actor = e.actorName ?? t('timeline.system');
  const d = (e.data ?? {}) as Record<string, unknown>;
  const tr = (ns: string, v: unknown) => (str(v) ? t(`${ns}.${str(v)}`) : '');
  const step = () => pb?.step(str(d.playbookId), str(d.stepId)) ?? str(d.stepId);
  const playbookLine = () => {
    const p = rec(d.playbook);
    if (!str(p.id)) return undefined;
    return t('timeline.playbook', {
      title: pb?.playbook(str(p.id)) ?? str(p.id),
      version: str(p.version),
      hash: shortHash(str(p.contentHash)),
    });
  };
  const lines = (...xs: (string | undefined)[]) => xs.filter(Boolean).join('\n') || undefined;
  switch (e.type) {
    case 'incident_reported':
      return { text: t('timeline.incident_reported', { actor, category: tr('category', d.category) }), detail: playbookLine() };
    case 'step_completed':
      return {
        text: t('timeline.step_completed', { actor, step: step() }),
        detail: str(d.evidence) ? t('timeline.evidence', { evidence: str(d.evidence) }) : undefined,
      };
    case 'step_skipped':
      return {
        text: t(d.waiver === true ? 'timeline.step_waived' : 'timeline.step_skipped', { actor, step: step() }),
        detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined,
      };
    case 'step_reopened':
      return {
        text: t('timeline.step_reopened', { actor, step: step() }),
        detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined,
      };
    case 'incident_acknowledged': {
      // through the one-click link in a message: the person it went to (who may have no account)
      const link = rec(d.viaLink);
      return str(link.recipientName)
        ? { text: t('timeline.incident_acknowledged_link', { name: str(link.recipientName) }), detail: str(link.address) || undefined }
        : { text: t('timeline.incident_acknowledged', { actor }) };
    }
    case 'incident_triaged':
      return {
        text: str(d.severity)
          ? t('timeline.incident_triaged', { actor, severity: tr('severity', d.severity) })
          : t('timeline.incident_triaged_plain', { actor }),
      };
    case 'severity_rerated': {
      const to = d.to ?? d.severity;
      return {
        text: str(d.from)
          ? t('timeline.severity_rerated', { actor, from: tr('severity', d.from), to: tr('severity', to) })
          : t('timeline.severity_rerated_to', { actor, to: tr('severity', to) }),
        detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined,
      };
    }
    case 'analysis_recorded':
    case 'recovery_recorded':
    case 'prevention_recorded':
      return { text: t(`timeline.${e.type}`, { actor }) };
    case 'stage_advanced':
      return { text: t('timeline.stage_advanced', { actor, from: tr('stage', d.from), to: tr('stage', d.to) }) };
    case 'note_added':
      return { text: t('timeline.note_added', { actor }), detail: str(d.text) || undefined };
    case 'incident_reclassified':
      return {
        text: t('timeline.incident_reclassified', { actor, from: tr('category', d.from), to: tr('category', d.to) }),
        detail: lines(str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined, playbookLine()),
      };
    case 'incident_assigned': {
      const owner = names[str(d.ownerId)] ?? str(d.ownerName);
      return owner
        ? { text: t('timeline.incident_assigned', { actor, owner }) }
        : { text: t('timeline.incident_assigned_plain', { actor }) };
    }
    case 'briefing_posted':
      return { text: t('timeline.briefing_posted', { actor, number: str(d.number) }), detail: str(d.whatHappened) || undefined };
    default:
      return describeEscalationEvent(t, e, esc) ?? { text: t('timeline.other', { actor, type: e.type }) };
  }
}

export function IncidentTimeline({ incidentId, checklist }: { incidentId: string; checklist?: IncidentChecklist }) {
  const { t, i18n } = useTranslation();
  const query = useTimeline(incidentId);
  const pb = playbookNames(checklist, i18n.language);
  const esc = escalationContext(query.data?.items ?? [], i18n.language);
  const items = (query.data?.items ?? []).filter((e) => !isSettledQueuedEntry(e, esc));
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h4" id="timeline-title" mb="sm">
        {t('timeline.title')}
      </Title>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={items.length - 1}>
          {items.map((e) => {
            const { text, detail } = describeEvent(t, e, query.data.names, pb, esc);
            const system = isEscalationEntry(e);
            return (
              <Timeline.Item
                key={e.seq}
                data-event-type={e.type}
                data-stream={e.stream}
                bullet={
                  system ? (
                    <ThemeIcon size={18} radius="xl" color={e.type === 'notification_failed' || e.type === 'sla_breached' ? 'red' : 'gray'}>
                      <IconBell size={11} aria-hidden />
                    </ThemeIcon>
                  ) : undefined
                }
              >
                {system && (
                  <Badge size="xs" variant="light" color="gray" style={{ textTransform: 'none' }}>
                    {t('timelineEsc.system')}
                  </Badge>
                )}
                <Text size="sm" c={system ? 'gray.7' : undefined} fs={system ? 'italic' : undefined}>
                  {text}
                </Text>
                {detail && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                    {detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
                  {formatDateTime(e.at, i18n.language)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </section>
  );
}
