import { SetupChecklist } from '@/features/setup/components/setup-checklist';

export function AdminSetupRoute() {
  return <SetupChecklist />;
}
