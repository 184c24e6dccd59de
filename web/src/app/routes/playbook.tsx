import { useParams } from 'react-router';
import { PlaybookView } from '@/features/playbooks/components/playbook-view';

export function PlaybookRoute() {
  const { id = '' } = useParams();
  return <PlaybookView key={id} id={id} />;
}
