import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { components } from '@/types/api';

export type ExerciseList = components['schemas']['ExerciseList'];
export type ExerciseView = components['schemas']['ExerciseView'];
export type ExerciseRequest = components['schemas']['ExerciseRequest'];

const BASE = '/api/drills/exercises';

export const useExercises = () => useQuery({ queryKey: ['drill-exercises'], queryFn: ({ signal }) => api.get<ExerciseList>(BASE, undefined, signal) });

export const useLogExercise = () => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ExerciseRequest) => api.post<ExerciseView>(BASE, body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['drill-exercises'] }),
  });
};
