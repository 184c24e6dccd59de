import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSkeleton, QueryError } from '@/components/ui/page-state';
import { homePathFor, useMe } from '@/lib/auth';
import type { MeDto } from '@/types';

/** Route guard from GET /api/auth/me: not logged in -> /login; wrong role -> the user's home page. */
export function RequireAuth({ allow }: { allow?: (user: MeDto) => boolean }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageSkeleton />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (allow && !allow(me.data)) return <Navigate to={homePathFor(me.data)} replace />;
  return <Outlet />;
}
