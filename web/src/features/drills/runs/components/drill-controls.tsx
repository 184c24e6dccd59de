import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay, IconPlayerStop, IconFlag, IconX, IconPlayerSkipForward, IconReport } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ui/problem-alert';
import type { DrillDetail } from '@/types';
import { useDrillLifecycle, type DrillLifecycle } from '../api/drill-command';

type Confirmed = 'stop' | 'end' | 'cancel';

/**
 * Start, pause, resume, STOP, end (and cancel while scheduled), for the facilitator. STOP, end and cancel ask first;
 * STOP and cancel may say why (everyone is told).
 */
export function DrillControls({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const lifecycle = useDrillLifecycle();
  const [confirming, setConfirming] = useState<Confirmed | null>(null);
  const [reason, setReason] = useState('');
  const s = drill.status;
  const run = (action: DrillLifecycle, why?: string) =>
    lifecycle.mutate(
      { id: drill.id, version: drill.version, body: { action, reason: why?.trim() || null } },
      { onSuccess: () => setConfirming(null) },
    );
  const busy = (a: DrillLifecycle) => lifecycle.isPending && lifecycle.variables?.body.action === a;

  return (
    <Stack gap="xs" data-testid="drill-controls">
      <Group gap="xs" wrap="wrap">
        {s === 'scheduled' && (
          <Button size="md" color="green" leftSection={<IconPlayerPlay size={18} aria-hidden />} loading={busy('start')} onClick={() => run('start')}>
            {t('drillRuns.controls.start')}
          </Button>
        )}
        {s === 'running' && (
          <Button size="md" color="yellow" variant="light" leftSection={<IconPlayerPause size={18} aria-hidden />} loading={busy('pause')} onClick={() => run('pause')}>
            {t('drillRuns.controls.pause')}
          </Button>
        )}
        {(s === 'paused' || s === 'stopped') && (
          <Button size="md" color="green" leftSection={<IconPlayerPlay size={18} aria-hidden />} loading={busy('resume')} onClick={() => run('resume')}>
            {t('drillRuns.controls.resume')}
          </Button>
        )}
        {(s === 'running' || s === 'paused') && (
          <Button size="md" color="red" leftSection={<IconPlayerStop size={18} aria-hidden />} onClick={() => setConfirming('stop')}>
            {t('drillRuns.controls.stop')}
          </Button>
        )}
        {(s === 'running' || s === 'paused' || s === 'stopped') && (
          <Button size="md" color="dark" variant="outline" leftSection={<IconFlag size={18} aria-hidden />} onClick={() => setConfirming('end')}>
            {t('drillRuns.controls.end')}
          </Button>
        )}
        {s === 'scheduled' && (
          <Button size="md" color="gray" variant="subtle" leftSection={<IconX size={18} aria-hidden />} onClick={() => setConfirming('cancel')}>
            {t('drillRuns.controls.cancel')}
          </Button>
        )}
        {s === 'ended' && (
          <Button size="md" component={Link} to={`/drills/${drill.id}/report`} leftSection={<IconReport size={18} aria-hidden />}>
            {t('drillRuns.controls.report')}
          </Button>
        )}
      </Group>
      {!confirming && <ProblemAlert error={lifecycle.error} />}
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={confirming ? t(`drillRuns.controls.confirm.${confirming}.title`) : ''}
        centered
      >
        {confirming && (
          <Stack gap="sm">
            <Text size="sm">{t(`drillRuns.controls.confirm.${confirming}.body`)}</Text>
            {confirming !== 'end' && (
              <TextInput label={t('drillRuns.controls.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.currentTarget.value)} />
            )}
            <ProblemAlert error={lifecycle.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button color={confirming === 'end' ? 'dark' : 'red'} loading={lifecycle.isPending} onClick={() => run(confirming, confirming === 'end' ? undefined : reason)}>
                {t(`drillRuns.controls.confirm.${confirming}.submit`)}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

/** The facilitator releases the next inject now, by hand (If-Match). */
export function ReleaseNextButton({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const lifecycle = useDrillLifecycle();
  return (
    <Stack gap={4}>
      <Button
        variant="light"
        color="grape"
        leftSection={<IconPlayerSkipForward size={16} aria-hidden />}
        disabled={drill.status !== 'running'}
        loading={lifecycle.isPending}
        onClick={() => lifecycle.mutate({ id: drill.id, version: drill.version, body: { action: 'injects/next' } })}
      >
        {t('drillRuns.console.releaseNext')}
      </Button>
      <ProblemAlert error={lifecycle.error} />
    </Stack>
  );
}
