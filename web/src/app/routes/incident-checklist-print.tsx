import { useParams } from 'react-router';
import { ChecklistPrint } from '@/features/incidents/components/checklist-print';

export function IncidentChecklistPrintRoute() {
  const { id = '' } = useParams();
  return <ChecklistPrint id={id} />;
}
