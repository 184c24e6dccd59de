import { Container } from '@mantine/core';
import { MyReportsList } from '@/features/incidents/components/my-reports-list';

export function MyReportsRoute() {
  return (
    <Container size="md" px={0}>
      <MyReportsList />
    </Container>
  );
}
