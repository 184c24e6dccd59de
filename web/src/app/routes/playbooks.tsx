import { PlaybookLibrary } from '@/features/playbooks/components/playbook-library';

export function PlaybooksRoute() {
  return <PlaybookLibrary />;
}
