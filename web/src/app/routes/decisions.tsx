import { useSearchParams } from 'react-router';
import { DecisionLog } from '@/features/decisions/components/decision-log';

/** The organisation's decision log (?incident= opens it filtered to one incident). */
export function DecisionsRoute() {
  const [params] = useSearchParams();
  return <DecisionLog initialIncident={params.get('incident') ?? ''} />;
}
