import { useParams } from 'react-router';
import { PlaybookPrint } from '@/features/playbooks/components/playbook-print';

export function PlaybookPrintRoute() {
  const { id = '' } = useParams();
  return <PlaybookPrint id={id} />;
}
