import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DepartmentList } from '@/types';
import { incidentKeys } from './incident-keys';

export const getDepartments = (signal?: AbortSignal) =>
  api.get<DepartmentList>('/api/departments', undefined, signal);

/** Departments with their own contact chain: a report naming one reaches that department's people first. */
export const departmentsQueryOptions = () =>
  queryOptions({
    queryKey: incidentKeys.departments(),
    queryFn: ({ signal }) => getDepartments(signal),
    staleTime: 5 * 60_000,
  });

export const useDepartments = (enabled = true) => useQuery({ ...departmentsQueryOptions(), enabled });
