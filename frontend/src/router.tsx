import { createBrowserRouter } from 'react-router';
import { AppLayout, RequireSession } from './components/app-layout';
import { ProjectLayout } from './components/project-layout';
import { ApiTokensPage } from './pages/api-tokens';
import { ApprovalsPage } from './pages/approvals';
import { DashboardPage } from './pages/dashboard';
import { InvitePage } from './pages/invite';
import { LoginPage } from './pages/login';
import { MembersPage } from './pages/members';
import { NotFoundPage } from './pages/not-found';
import { ProjectsPage } from './pages/projects';
import { SettingsPage } from './pages/settings';
import { SetupPage } from './pages/setup';
import { TaskPage } from './pages/task';
import { TriggersPage } from './pages/triggers';
import { WebhooksPage } from './pages/webhooks';

/** URL scheme: / projects, /p/:slug dashboard, /p/:slug/t/:taskId task, /p/:slug/{approvals,analytics,triggers,settings,webhooks,members,api}. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
  { path: '/invite', element: <InvitePage /> },
  {
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    children: [
      { path: '/', element: <ProjectsPage /> },
      {
        path: '/p/:slug',
        element: <ProjectLayout />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 't/:taskId', element: <TaskPage /> },
          { path: 'approvals', element: <ApprovalsPage /> },
          // Lazy: Chart.js stays out of the main bundle.
          {
            path: 'analytics',
            lazy: async () => ({ Component: (await import('./pages/analytics')).AnalyticsPage }),
          },
          { path: 'triggers', element: <TriggersPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: 'webhooks', element: <WebhooksPage /> },
          { path: 'members', element: <MembersPage /> },
          { path: 'api', element: <ApiTokensPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
