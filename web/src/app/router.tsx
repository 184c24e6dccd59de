import { Navigate, Route, Routes } from 'react-router';
import { PageLoader } from '@/components/ui/page-state';
import { canSeeBoard, homePathFor, useMe } from '@/lib/auth';
import { AppLayout } from './layout/app-layout';
import { RequireAuth } from './require-auth';
import { AccountRoute } from './routes/account';
import { AckRoute } from './routes/ack';
import { AdminContactChainsRoute } from './routes/admin-contact-chains';
import { AdminDeliveriesRoute } from './routes/admin-deliveries';
import { AdminSettingsHistoryRoute } from './routes/admin-settings-history';
import { AdminSetupRoute } from './routes/admin-setup';
import { AdminSlaRoute } from './routes/admin-sla';
import { AdminUsersRoute } from './routes/admin-users';
import { BoardRoute } from './routes/board';
import { IncidentRoute } from './routes/incident';
import { IncidentChecklistPrintRoute } from './routes/incident-checklist-print';
import { LoginRoute } from './routes/login';
import { MyReportsRoute } from './routes/my-reports';
import { NotFoundRoute } from './routes/not-found';
import { PlaybookRoute } from './routes/playbook';
import { PlaybookPrintRoute } from './routes/playbook-print';
import { PlaybooksRoute } from './routes/playbooks';
import { ReportRoute } from './routes/report';

function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  return <Navigate to={me.data ? homePathFor(me.data) : '/login'} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      {/* acknowledge link from a message: no sign-in (the token is the credential) */}
      <Route path="/ack/:incidentId" element={<AckRoute />} />
      <Route element={<RequireAuth />}>
        {/* paper views (R40): no app shell */}
        <Route path="/playbooks/:id/print" element={<PlaybookPrintRoute />} />
        <Route path="/incidents/:id/checklist/print" element={<IncidentChecklistPrintRoute />} />
        <Route element={<AppLayout />}>
          <Route index element={<HomeRedirect />} />
          <Route path="/report" element={<ReportRoute />} />
          <Route path="/my-reports" element={<MyReportsRoute />} />
          <Route path="/incidents/:id" element={<IncidentRoute />} />
          <Route path="/account" element={<AccountRoute />} />
          <Route path="/playbooks" element={<PlaybooksRoute />} />
          <Route path="/playbooks/:id" element={<PlaybookRoute />} />
          <Route element={<RequireAuth allow={canSeeBoard} />}>
            <Route path="/board" element={<BoardRoute />} />
          </Route>
          <Route element={<RequireAuth allow={(u) => !!u?.roles.includes('Admin')} />}>
            <Route path="/admin/setup" element={<AdminSetupRoute />} />
            <Route path="/admin/users" element={<AdminUsersRoute />} />
            <Route path="/admin/contact-chains" element={<AdminContactChainsRoute />} />
            <Route path="/admin/sla" element={<AdminSlaRoute />} />
            <Route path="/admin/deliveries" element={<AdminDeliveriesRoute />} />
            <Route path="/admin/settings-history" element={<AdminSettingsHistoryRoute />} />
          </Route>
          <Route path="*" element={<NotFoundRoute />} />
        </Route>
      </Route>
    </Routes>
  );
}
