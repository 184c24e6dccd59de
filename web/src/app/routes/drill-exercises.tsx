import { ExercisesPage } from '@/features/drills/exercises/components/exercises-page';

export function DrillExercisesRoute() {
  return <ExercisesPage />;
}
