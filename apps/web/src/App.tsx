import { Button, Result, Spin } from 'antd';
import { Component, lazy, Suspense, useEffect, type ComponentType, type ReactNode } from 'react';
import { Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api/client';
import { useAuth } from './auth/AuthContext';
import { AppLayout } from './layout/AppLayout';

type PageName<M> = { [K in keyof M]: M[K] extends ComponentType ? K : never }[keyof M];

/**
 * Pages load per area on first visit (one chunk each), so a visitor on the home page does not download
 * the organizer console or the schedule board. Pages of one area share a chunk and its single request.
 */
function areaPages<M>(load: () => Promise<M>) {
  return (name: PageName<M>) => lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

// The landing page on its own: a first visit should not wait for the search and registration forms.
const homePage = areaPages(() => import('./pages/public/HomePage'));
const publicPage = areaPages(() => import('./pages/public'));
const ownerPage = areaPages(() => import('./pages/owner'));
const supplierPage = areaPages(() => import('./pages/supplier/SupplierPages'));
const consolePage = areaPages(() => import('./pages/organizer/ConsolePages'));
const eventsPage = areaPages(() => import('./pages/events'));
const challengesPage = areaPages(() => import('./pages/challenges'));
const expertPage = areaPages(() => import('./pages/expert/ExpertPages'));

const HomePage = homePage('HomePage');
const LoginPage = publicPage('LoginPage');
const RegisterPage = publicPage('RegisterPage');
const SearchPage = publicPage('SearchPage');
const ScenarioDetailPage = publicPage('ScenarioDetailPage');
const CapabilityDetailPage = publicPage('CapabilityDetailPage');
const OrganizationDetailPage = publicPage('OrganizationDetailPage');
const BatchListPage = publicPage('BatchListPage');
const BatchDetailPage = publicPage('BatchDetailPage');
const NotificationsPage = publicPage('NotificationsPage');
const EventsPage = publicPage('EventsPage');
const EventDetailPage = publicPage('EventDetailPage');

const MyScenariosPage = ownerPage('MyScenariosPage');
const OwnerScenarioPage = ownerPage('OwnerScenarioPage');
const ScenarioFormPage = ownerPage('ScenarioFormPage');

const SuggestionsPage = supplierPage('SuggestionsPage');
const MyCapabilitiesPage = supplierPage('MyCapabilitiesPage');
const CapabilityFormPage = supplierPage('CapabilityFormPage');
const RespondPage = supplierPage('RespondPage');
const MyResponsesPage = supplierPage('MyResponsesPage');
const ProfilePage = supplierPage('ProfilePage');

const DashboardPage = consolePage('DashboardPage');
const ReviewQueuePage = consolePage('ReviewQueuePage');
const ReviewScenarioPage = consolePage('ReviewScenarioPage');
const ReviewCapabilityPage = consolePage('ReviewCapabilityPage');
const BatchesConsolePage = consolePage('BatchesConsolePage');
const BatchComposePage = consolePage('BatchComposePage');
const AuditPage = consolePage('AuditPage');

const MyEventsPage = eventsPage('MyEventsPage');
const MyEventPage = eventsPage('MyEventPage');
const EventsConsolePage = eventsPage('EventsConsolePage');
const EventFormPage = eventsPage('EventFormPage');
const EventConsolePage = eventsPage('EventConsolePage');

const ChallengesPage = challengesPage('ChallengesPage');
const ChallengeDetailPage = challengesPage('ChallengeDetailPage');
const MyApplicationsPage = challengesPage('MyApplicationsPage');
const ApplicantChallengePage = challengesPage('ApplicantChallengePage');
const ChallengesConsolePage = challengesPage('ChallengesConsolePage');
const ChallengeFormPage = challengesPage('ChallengeFormPage');
const ChallengeConsolePage = challengesPage('ChallengeConsolePage');

const ExpertReviewsPage = expertPage('ExpertReviewsPage');

const RELOADED_AT = 'sx-stale-chunk-reload-at';

/**
 * A tab left open across a deploy asks for page chunks whose hashed names are gone. Vite reports that as
 * `vite:preloadError`; reloading once fetches the current shell and its chunks. A second failure within a minute
 * is left to PageLoadBoundary, so a chunk that is really missing cannot cause a reload loop.
 */
function reloadOnStaleChunk(): void {
  if (Date.now() - Number(sessionStorage.getItem(RELOADED_AT) ?? 0) < 60_000) return;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
}

/**
 * A chunk that fails to load (network drop, or a missing file after a deploy) would otherwise blank the whole
 * portal; this keeps the layout and offers a reload.
 */
class PageLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return <Result status="warning" title="页面加载失败" subTitle="网络中断或平台刚刚更新，请刷新页面后重试。" extra={<Button type="primary" onClick={() => window.location.reload()}>刷新页面</Button>} />;
  }
}

/** Inside the layout, so the menu stays put while a page's chunk arrives. */
function PageOutlet() {
  const { pathname } = useLocation();
  return (
    <PageLoadBoundary key={pathname}>
      <Suspense fallback={<Spin size="large" description="页面加载中…" style={{ display: 'block', padding: '96px 0' }} />}>
        <Outlet />
      </Suspense>
    </PageLoadBoundary>
  );
}

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, hasRole } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!hasRole(...roles)) return <Result status="403" title="无权访问" subTitle="当前账号的身份不能使用此功能。如需开通，请联系平台主办方。" extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />;
  return <>{children}</>;
}

export function App() {
  useEffect(() => {
    window.addEventListener('vite:preloadError', reloadOnStaleChunk);
    return () => window.removeEventListener('vite:preloadError', reloadOnStaleChunk);
  }, []);
  const owner = (el: ReactNode) => <RequireRole roles={['owner']}>{el}</RequireRole>;
  const supplier = (el: ReactNode) => <RequireRole roles={['supplier']}>{el}</RequireRole>;
  const organizer = (el: ReactNode) => <RequireRole roles={['organizer']}>{el}</RequireRole>;
  const participant = (el: ReactNode) => <RequireRole roles={['owner', 'supplier']}>{el}</RequireRole>;
  const anyone = (el: ReactNode) => <RequireRole roles={['owner', 'supplier', 'organizer', 'expert']}>{el}</RequireRole>;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route element={<PageOutlet />}>
          <Route index element={<HomePage />} />
          <Route path="login" element={<LoginPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="scenarios/:id" element={<ScenarioDetailPage />} />
          <Route path="capabilities/:id" element={<CapabilityDetailPage />} />
          <Route path="organizations/:id" element={<OrganizationDetailPage />} />
          <Route path="batches" element={<BatchListPage />} />
          <Route path="batches/:id" element={<BatchDetailPage />} />
          <Route path="events" element={<EventsPage />} />
          <Route path="events/:id" element={<EventDetailPage />} />
          <Route path="challenges" element={<ChallengesPage />} />
          <Route path="challenges/:id" element={<ChallengeDetailPage />} />
          <Route path="notifications" element={anyone(<NotificationsPage />)} />
          <Route path="my/events" element={participant(<MyEventsPage />)} />
          <Route path="my/events/:id" element={participant(<MyEventPage />)} />

          <Route path="owner/scenarios" element={owner(<MyScenariosPage />)} />
          <Route path="owner/scenarios/new" element={owner(<ScenarioFormPage />)} />
          <Route path="owner/scenarios/:id" element={owner(<OwnerScenarioPage />)} />
          <Route path="owner/scenarios/:id/edit" element={owner(<ScenarioFormPage />)} />

          <Route path="supplier/suggestions" element={supplier(<SuggestionsPage />)} />
          <Route path="supplier/capabilities" element={supplier(<MyCapabilitiesPage />)} />
          <Route path="supplier/capabilities/new" element={supplier(<CapabilityFormPage />)} />
          <Route path="supplier/capabilities/:id/edit" element={supplier(<CapabilityFormPage />)} />
          <Route path="supplier/respond/:scenarioId" element={supplier(<RespondPage />)} />
          <Route path="supplier/responses" element={supplier(<MyResponsesPage />)} />
          <Route path="supplier/profile" element={supplier(<ProfilePage />)} />
          <Route path="supplier/applications" element={supplier(<MyApplicationsPage />)} />
          <Route path="supplier/challenges/:id" element={supplier(<ApplicantChallengePage />)} />

          <Route path="console" element={organizer(<DashboardPage />)} />
          <Route path="console/review" element={organizer(<ReviewQueuePage />)} />
          <Route path="console/review/scenario/:id" element={organizer(<ReviewScenarioPage />)} />
          <Route path="console/review/capability/:id" element={organizer(<ReviewCapabilityPage />)} />
          <Route path="console/batches" element={organizer(<BatchesConsolePage />)} />
          <Route path="console/batches/:id" element={organizer(<BatchComposePage />)} />
          <Route path="console/events" element={organizer(<EventsConsolePage />)} />
          <Route path="console/events/new" element={organizer(<EventFormPage />)} />
          <Route path="console/events/:id" element={organizer(<EventConsolePage />)} />
          <Route path="console/events/:id/edit" element={organizer(<EventFormPage />)} />
          <Route path="console/challenges" element={organizer(<ChallengesConsolePage />)} />
          <Route path="console/challenges/new" element={organizer(<ChallengeFormPage />)} />
          <Route path="console/challenges/:id" element={organizer(<ChallengeConsolePage />)} />
          <Route path="console/challenges/:id/edit" element={organizer(<ChallengeFormPage />)} />
          <Route path="console/audit" element={organizer(<AuditPage />)} />

          <Route path="expert/reviews" element={<RequireRole roles={['expert']}><ExpertReviewsPage /></RequireRole>} />
          <Route path="*" element={<Result status="404" title="页面不存在" subTitle="您访问的页面不存在，请检查地址或返回首页。" extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />} />
        </Route>
      </Route>
    </Routes>
  );
}
