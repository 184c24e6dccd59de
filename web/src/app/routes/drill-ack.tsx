import { DrillAckLanding } from '@/features/drills/contact-checks/components/drill-ack-landing';

export function DrillAckRoute() {
  return <DrillAckLanding />;
}
