import { Badge, Button, Group, Paper, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconPhone, IconPhoneOff, IconRobot } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { getOrgTimeZone } from '@/lib/format';
import { personName } from '@/lib/person';
import type { ContactCheckMemberResult, ContactCheckView, ContactOutcome } from '@/types';
import { useMarkContactCheck } from '../api/mark-contact-check';
import { formatDuration } from '../utils/format-duration';

const OUTCOME_COLOR: Record<ContactOutcome, string> = {
  pending: 'gray',
  acknowledged: 'green',
  late: 'yellow',
  no_response: 'red',
  bounced: 'red',
};

/** A time of day with seconds, in the organisation's zone: a check's events are seconds apart. */
function clock(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: getOrgTimeZone(),
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function OutcomeBadge({ member }: { member: ContactCheckMemberResult }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Badge color={OUTCOME_COLOR[member.outcome]} variant="light" data-testid="contact-outcome" data-outcome={member.outcome}>
        {t(`contactCheck.outcome.${member.outcome}`)}
      </Badge>
      {member.suspectedAutomated && (
        <Tooltip label={t('contactCheck.automated')}>
          <Badge color="orange" variant="outline" leftSection={<IconRobot size={12} />} aria-label={t('contactCheck.automated')}>
            {t('contactCheck.automatedShort')}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

/** Who the row is, and where the check stands with them (being alerted now, escalated past, bounce reason, phone mark). */
function Person({ member, current }: { member: ContactCheckMemberResult; current: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text fw={600} size="sm">
        {t('contactCheck.position', { n: member.index + 1 })} · {personName(t, member.name)}
      </Text>
      {member.role && (
        <Text size="xs" c="dimmed">
          {member.role}
        </Text>
      )}
      {current && (
        <Text size="xs" c="blue.7">
          {t('contactCheck.current')}
        </Text>
      )}
      {member.escalated && (
        <Text size="xs" c="dimmed">
          {t('contactCheck.escalated')}
        </Text>
      )}
      {member.bounceError && (
        <Text size="xs" c="red.7" style={{ overflowWrap: 'anywhere' }}>
          {t('contactCheck.bounceError', { error: member.bounceError })}
        </Text>
      )}
      {member.phoneMark && (
        <Text size="xs" c="dimmed">
          {t(member.phoneMark.reached ? 'contactCheck.markedReached' : 'contactCheck.markedNotReached')}
          {member.phoneMark.note ? `: ${member.phoneMark.note}` : ''}
        </Text>
      )}
    </Stack>
  );
}

function MarkButtons({ check, member }: { check: ContactCheckView; member: ContactCheckMemberResult }) {
  const { t } = useTranslation();
  const mark = useMarkContactCheck();
  const pending = mark.isPending ? mark.variables.marks[0]?.reached : undefined;
  // No If-Match: a mark is a fact of its own, and the live table's version moves with every delivery.
  const send = (reached: boolean) => mark.mutate({ checkId: check.id, marks: [{ member: member.index, reached, note: null }] });
  return (
    <Stack gap={4}>
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant={member.phoneMark?.reached === true ? 'filled' : 'light'}
        color="green"
        leftSection={<IconPhone size={12} />}
        loading={pending === true}
        disabled={mark.isPending}
        onClick={() => send(true)}
        aria-label={`${t('contactCheck.markReached')}: ${member.name}`}
      >
        {t('contactCheck.markReached')}
      </Button>
      <Button
        size="compact-xs"
        variant={member.phoneMark?.reached === false ? 'filled' : 'light'}
        color="red"
        leftSection={<IconPhoneOff size={12} />}
        loading={pending === false}
        disabled={mark.isPending}
        onClick={() => send(false)}
        aria-label={`${t('contactCheck.markNotReached')}: ${member.name}`}
      >
        {t('contactCheck.markNotReached')}
      </Button>
    </Group>
    {mark.isError && <ProblemAlert error={mark.error} />}
    </Stack>
  );
}

/**
 * The per-person table of a contact-chain check (issue 11 §3): channel, sent, delivered, acknowledged, time to
 * acknowledge, attempts and outcome, with acknowledgements suspected of being automated flagged. A table on wide
 * screens, one card per person on a phone. With <code>canMark</code> the facilitator marks people reached by phone (R36).
 */
export function ContactCheckTable({ check, canMark }: { check: ContactCheckView; canMark: boolean }) {
  const { t } = useTranslation();
  const s = check.summary;
  const rows = check.members;
  const isCurrent = (m: ContactCheckMemberResult) => check.status === 'running' && check.currentMember === m.index;

  return (
    <Stack gap="sm" data-testid="contact-check-table">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{t('contactCheck.chain', { name: check.chainName })}</Text>
        <Group gap={4}>
          <Badge variant="light" color={check.announced ? 'blue' : 'grape'}>
            {t(check.announced ? 'contactCheck.announced' : 'contactCheck.unannounced')}
          </Badge>
          <Badge variant="light" color={check.status === 'running' ? 'blue' : 'gray'}>
            {t(`contactCheck.${check.status}`)}
          </Badge>
        </Group>
      </Group>
      <Text size="sm" data-testid="contact-check-summary">
        {t('contactCheck.summary', {
          acknowledged: s.acknowledged,
          members: s.members,
          late: s.late,
          noResponse: s.noResponse,
          bounced: s.bounced,
        })}
        {s.medianSecondsToAcknowledge !== null && s.medianSecondsToAcknowledge !== undefined && (
          <>
            {' · '}
            {t('contactCheck.median', { time: formatDuration(t, s.medianSecondsToAcknowledge) })}
          </>
        )}
      </Text>

      <Table.ScrollContainer minWidth={760} visibleFrom="sm">
        <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('contactCheck.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('contactCheck.col.person')}</Table.Th>
              <Table.Th>{t('contactCheck.col.channel')}</Table.Th>
              <Table.Th>{t('contactCheck.col.sent')}</Table.Th>
              <Table.Th>{t('contactCheck.col.delivered')}</Table.Th>
              <Table.Th>{t('contactCheck.col.acknowledged')}</Table.Th>
              <Table.Th>{t('contactCheck.col.time')}</Table.Th>
              <Table.Th>{t('contactCheck.col.attempts')}</Table.Th>
              <Table.Th>{t('contactCheck.col.outcome')}</Table.Th>
              {canMark && <Table.Th>{t('contactCheck.col.phone')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((m) => (
              <Table.Tr key={m.index} data-testid="contact-check-row">
                <Table.Td>
                  <Person member={m} current={isCurrent(m)} />
                </Table.Td>
                <Table.Td>{t(`contactCheck.channel.${m.channel}`)}</Table.Td>
                <Table.Td ff="monospace">{clock(m.sentAt)}</Table.Td>
                <Table.Td ff="monospace">{clock(m.deliveredAt)}</Table.Td>
                <Table.Td ff="monospace">{clock(m.acknowledgedAt)}</Table.Td>
                <Table.Td>{formatDuration(t, m.secondsToAcknowledge)}</Table.Td>
                <Table.Td>{m.attempts}</Table.Td>
                <Table.Td>
                  <OutcomeBadge member={m} />
                </Table.Td>
                {canMark && (
                  <Table.Td>
                    <MarkButtons check={check} member={m} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Stack gap="xs" hiddenFrom="sm" role="list" aria-label={t('contactCheck.title')}>
        {rows.map((m) => (
          <Paper key={m.index} withBorder p="sm" radius="md" role="listitem" data-testid="contact-check-card">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Person member={m} current={isCurrent(m)} />
              <OutcomeBadge member={m} />
            </Group>
            <Text size="xs" c="dimmed" mt={6}>
              {t(`contactCheck.channel.${m.channel}`)} · {t('contactCheck.col.sent')} {clock(m.sentAt)} · {t('contactCheck.col.delivered')}{' '}
              {clock(m.deliveredAt)} · {t('contactCheck.col.attempts')} {m.attempts}
            </Text>
            <Text size="sm" mt={2}>
              {t('contactCheck.col.acknowledged')} {clock(m.acknowledgedAt)} · {t('contactCheck.col.time')} {formatDuration(t, m.secondsToAcknowledge)}
            </Text>
            {canMark && (
              <Group mt="xs">
                <MarkButtons check={check} member={m} />
              </Group>
            )}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
