import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { SearchApiModule } from './search/search.module';
import { HealthModule } from './health/health.module';
import { ApiLoggingModule } from './logging.module';
import { MatchesModule } from './matches/matches.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReferenceModule } from './reference/reference.module';
import { EventsModule } from './events/events.module';
import { CapabilitiesModule } from './capabilities/capabilities.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { ResponsesModule } from './responses/responses.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { AuditModule } from './audit/audit.module';
import { ChallengesModule } from './challenges/challenges.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { WebPortalModule } from './web-portal/web-portal.module';

@Module({
  imports: [
    ConfigModule,
    ApiLoggingModule,
    DatabaseModule,
    QueueModule,
    SearchModule,
    HealthModule,
    AuthModule,
    ReferenceModule,
    NotificationsModule,
    // Feature modules: add one line each.
    MatchesModule,
    ChallengesModule,
    EventsModule,
    ScenariosModule,
    AuditModule,
    BatchesModule,
    SearchApiModule,
    CapabilitiesModule,
    OrganizationsModule,
    ResponsesModule,
    DashboardModule,
    WebPortalModule,
  ],
})
export class AppModule {}
