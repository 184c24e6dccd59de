import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentDetail } from '@/types';
import { useIncidentAlerts } from '../api/get-incident-alerts';
import { alertState } from '../utils/alert-state';

interface Props {
  incident: IncidentDetail;
  onAnother: () => void;
}

export function ReportConfirmation({ incident, onAnother }: Props) {
  const { t } = useTranslation();
  const alerts = useIncidentAlerts(incident.id);
  const state = alertState(alerts.data);
  return (
    <Stack gap="lg">
      <Alert color="green" icon={<IconCircleCheck aria-hidden />} title={t('report.success.title')} role="status">
        <Text size="sm">{t('report.success.recorded')}</Text>
        <Text size="sm" data-testid="report-alerted">
          {state ? t(state.key, { names: state.names }) : t('report.success.checking')}
        </Text>
      </Alert>
      <Paper withBorder p="lg" radius="md">
        <Text size="sm" c="dimmed">
          {t('report.success.reference')}
        </Text>
        <Title order={2} ff="monospace" data-testid="report-reference">
          {incident.reference}
        </Title>
        <Text size="sm" mt="xs">
          {t('report.success.keepReference')}
        </Text>
        {(incident.contact || incident.deviceId) && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="md" data-testid="report-entered">
            {incident.contact && (
              <div>
                <Text size="xs" c="dimmed">
                  {t('incident.contact')}
                </Text>
                <Text size="sm">{incident.contact}</Text>
              </div>
            )}
            {incident.deviceId && (
              <div>
                <Text size="xs" c="dimmed">
                  {t('incident.deviceId')}
                </Text>
                <Text size="sm">{incident.deviceId}</Text>
              </div>
            )}
          </SimpleGrid>
        )}
      </Paper>
      <div>
        <Title order={3} size="h4" mb="xs">
          {t('report.success.nextTitle')}
        </Title>
        <List spacing="xs" type="ordered">
          <List.Item>{t('report.success.next1')}</List.Item>
          <List.Item>{t('report.success.next2')}</List.Item>
          <List.Item>{t('report.success.next3')}</List.Item>
        </List>
      </div>
      <Group>
        <Button component={Link} to="/my-reports">
          {t('report.success.myReports')}
        </Button>
        <Button component={Link} to={`/incidents/${incident.id}`} variant="light">
          {t('report.success.openReport')}
        </Button>
        <Button variant="subtle" onClick={onAnother}>
          {t('report.success.another')}
        </Button>
      </Group>
    </Stack>
  );
}
