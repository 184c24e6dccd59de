import { useParams } from 'react-router';
import { ImprovementsPage } from '@/features/drills/improvements/components/improvements-page';

/** /drills/improvements and /drills/improvements/:id (the reminder mail's link). */
export function DrillImprovementsRoute() {
  const { id } = useParams();
  return <ImprovementsPage itemId={id} />;
}
