import { IncidentBoard } from '@/features/incidents/components/incident-board';

export function BoardRoute() {
  return <IncidentBoard />;
}
