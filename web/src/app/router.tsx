import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { PageLoader, PageSkeleton } from '@/components/ui/page-state';
import { canRunCommands, canSeeBoard, homePathFor, useMe } from '@/lib/auth';
import { AppLayout } from './layout/app-layout';
import { RequireAuth } from './require-auth';
import { AckRoute } from './routes/ack';
import { DrillAckRoute } from './routes/drill-ack';
import { LoginRoute } from './routes/login';
import { NotFoundRoute } from './routes/not-found';
import { ReportRoute } from './routes/report';

// Every page but sign-in, the acknowledge link and the report form is its own chunk, loaded when first opened:
// a reporter on a phone downloads the report form and the app shell only.
const AccountRoute = lazy(() => import('./routes/account').then((m) => ({ default: m.AccountRoute })));
const AdminSetupRoute = lazy(() => import('./routes/admin-setup').then((m) => ({ default: m.AdminSetupRoute })));
const AdminContactChainsRoute = lazy(() => import('./routes/admin-contact-chains').then((m) => ({ default: m.AdminContactChainsRoute })));
const AdminDeliveriesRoute = lazy(() => import('./routes/admin-deliveries').then((m) => ({ default: m.AdminDeliveriesRoute })));
const AdminSettingsHistoryRoute = lazy(() => import('./routes/admin-settings-history').then((m) => ({ default: m.AdminSettingsHistoryRoute })));
const AdminSlaRoute = lazy(() => import('./routes/admin-sla').then((m) => ({ default: m.AdminSlaRoute })));
const AdminUsersRoute = lazy(() => import('./routes/admin-users').then((m) => ({ default: m.AdminUsersRoute })));
const DecisionRoute = lazy(() => import('./routes/decision').then((m) => ({ default: m.DecisionRoute })));
const DecisionsRoute = lazy(() => import('./routes/decisions').then((m) => ({ default: m.DecisionsRoute })));
const DrillExercisesRoute = lazy(() => import('./routes/drill-exercises').then((m) => ({ default: m.DrillExercisesRoute })));
const DrillImprovementsRoute = lazy(() => import('./routes/drill-improvements').then((m) => ({ default: m.DrillImprovementsRoute })));
const DrillReportRoute = lazy(() => import('./routes/drill-report').then((m) => ({ default: m.DrillReportRoute })));
const DrillReportPrintRoute = lazy(() => import('./routes/drill-report-print').then((m) => ({ default: m.DrillReportPrintRoute })));
const DrillRoute = lazy(() => import('./routes/drill').then((m) => ({ default: m.DrillRoute })));
const DrillNewRoute = lazy(() => import('./routes/drill-new').then((m) => ({ default: m.DrillNewRoute })));
const DrillsRoute = lazy(() => import('./routes/drills').then((m) => ({ default: m.DrillsRoute })));
const DeskRoute = lazy(() => import('./routes/desk').then((m) => ({ default: m.DeskRoute })));
const BoardRoute = lazy(() => import('./routes/board').then((m) => ({ default: m.BoardRoute })));
const IncidentRoute = lazy(() => import('./routes/incident').then((m) => ({ default: m.IncidentRoute })));
const IncidentChecklistPrintRoute = lazy(() => import('./routes/incident-checklist-print').then((m) => ({ default: m.IncidentChecklistPrintRoute })));
const MyReportsRoute = lazy(() => import('./routes/my-reports').then((m) => ({ default: m.MyReportsRoute })));
const PlaybookRoute = lazy(() => import('./routes/playbook').then((m) => ({ default: m.PlaybookRoute })));
const PlaybookPrintRoute = lazy(() => import('./routes/playbook-print').then((m) => ({ default: m.PlaybookPrintRoute })));
const PlaybooksRoute = lazy(() => import('./routes/playbooks').then((m) => ({ default: m.PlaybooksRoute })));

function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <PageLoader />;
  return <Navigate to={me.data ? homePathFor(me.data) : '/login'} replace />;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Routes>
        <Route path="/login" element={<LoginRoute />} />
        {/* acknowledge link from a message: no sign-in (the token is the credential) */}
        <Route path="/ack/:incidentId" element={<AckRoute />} />
        {/* a contact-chain check's personal link (drill): no sign-in either; only its button counts */}
        <Route path="/drill-ack/:checkId" element={<DrillAckRoute />} />
        <Route element={<RequireAuth />}>
          {/* paper views (R40): no app shell */}
          <Route path="/playbooks/:id/print" element={<PlaybookPrintRoute />} />
          <Route path="/incidents/:id/checklist/print" element={<IncidentChecklistPrintRoute />} />
          <Route path="/drills/:id/report/print" element={<DrillReportPrintRoute />} />
          <Route element={<AppLayout />}>
            <Route index element={<HomeRedirect />} />
            <Route path="/report" element={<ReportRoute />} />
            <Route path="/my-reports" element={<MyReportsRoute />} />
            <Route path="/incidents/:id" element={<IncidentRoute />} />
            <Route path="/account" element={<AccountRoute />} />
            <Route path="/playbooks" element={<PlaybooksRoute />} />
            <Route path="/playbooks/:id" element={<PlaybookRoute />} />
            {/* improvement items: everyone signed in (a reporter sees only the items they own); the reminder mail links here */}
            <Route path="/drills/improvements" element={<DrillImprovementsRoute />} />
            <Route path="/drills/improvements/:id" element={<DrillImprovementsRoute />} />
            <Route path="/drills/:id/report" element={<DrillReportRoute />} />
            {/* drills: anyone may take part (the invitation links to /drills/:id); responders and admins schedule */}
            <Route path="/drills" element={<DrillsRoute />} />
            <Route path="/drills/:id" element={<DrillRoute />} />
            <Route element={<RequireAuth allow={canRunCommands} />}>
              <Route path="/drills/new" element={<DrillNewRoute />} />
            </Route>
            <Route element={<RequireAuth allow={canSeeBoard} />}>
              <Route path="/board" element={<BoardRoute />} />
              {/* decisions: staff only (reporters never see them); the mail's /decisions/{id} opens here after sign-in */}
              <Route path="/decisions" element={<DecisionsRoute />} />
              <Route path="/decisions/:id" element={<DecisionRoute />} />
              <Route path="/desk" element={<DeskRoute />} />
              <Route path="/drills/exercises" element={<DrillExercisesRoute />} />
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
    </Suspense>
  );
}
