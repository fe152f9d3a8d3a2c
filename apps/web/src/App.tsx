import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import type { Role } from './api/client';
import { useAuth } from './auth/AuthContext';
import { AppLayout } from './layout/AppLayout';
import { AuditPage, BatchComposePage, BatchesConsolePage, DashboardPage, ReviewCapabilityPage, ReviewQueuePage, ReviewScenarioPage } from './pages/organizer/ConsolePages';
import { MyScenariosPage, OwnerScenarioPage } from './pages/owner/OwnerPages';
import { ScenarioFormPage } from './pages/owner/ScenarioForm';
import { BatchDetailPage, BatchListPage, CapabilityDetailPage, NotificationsPage, OrganizationDetailPage, ScenarioDetailPage } from './pages/public/DetailPages';
import { EventConsolePage, EventFormPage, EventsConsolePage } from './pages/events/EventConsolePages';
import { MyEventPage, MyEventsPage } from './pages/events/ParticipantEventPages';
import { EventDetailPage, EventsPage } from './pages/public/EventChallengePages';
import { ApplicantChallengePage, MyApplicationsPage } from './pages/challenges/ApplicantPages';
import { ChallengeConsolePage, ChallengeFormPage, ChallengesConsolePage } from './pages/challenges/ChallengeConsolePages';
import { ChallengeDetailPage, ChallengesPage } from './pages/challenges/ChallengePublicPages';
import { ExpertReviewsPage } from './pages/expert/ExpertPages';
import { HomePage } from './pages/public/HomePage';
import { LoginPage, RegisterPage } from './pages/public/LoginPage';
import { SearchPage } from './pages/public/SearchPage';
import { CapabilityFormPage, MyCapabilitiesPage, MyResponsesPage, ProfilePage, RespondPage, SuggestionsPage } from './pages/supplier/SupplierPages';

function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, hasRole } = useAuth();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!hasRole(...roles)) return <Result status="403" title="无权访问" subTitle="当前账号的身份不能使用此功能。如需开通，请联系平台主办方。" extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />;
  return <>{children}</>;
}

export function App() {
  const owner = (el: ReactNode) => <RequireRole roles={['owner']}>{el}</RequireRole>;
  const supplier = (el: ReactNode) => <RequireRole roles={['supplier']}>{el}</RequireRole>;
  const organizer = (el: ReactNode) => <RequireRole roles={['organizer']}>{el}</RequireRole>;
  const participant = (el: ReactNode) => <RequireRole roles={['owner', 'supplier']}>{el}</RequireRole>;
  const anyone = (el: ReactNode) => <RequireRole roles={['owner', 'supplier', 'organizer', 'expert']}>{el}</RequireRole>;
  return (
    <Routes>
      <Route element={<AppLayout />}>
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
    </Routes>
  );
}
