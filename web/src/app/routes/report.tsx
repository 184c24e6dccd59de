import { Container } from '@mantine/core';
import { useState } from 'react';
import { ReportConfirmation } from '@/features/incidents/components/report-confirmation';
import { ReportForm } from '@/features/incidents/components/report-form';
import type { IncidentDetail } from '@/types';

export function ReportRoute() {
  const [filed, setFiled] = useState<IncidentDetail | null>(null);
  const [formKey, setFormKey] = useState(0);
  return (
    <Container size="md" px={0}>
      {filed ? (
        <ReportConfirmation
          incident={filed}
          onAnother={() => {
            setFiled(null);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <ReportForm
          key={formKey}
          onFiled={(i) => {
            setFiled(i);
            window.scrollTo({ top: 0 });
          }}
        />
      )}
    </Container>
  );
}
