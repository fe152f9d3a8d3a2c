import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { SearchModule } from '@app/search';
import { Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { ApiLoggingModule } from './logging.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ReferenceModule } from './reference/reference.module';

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
  ],
})
export class AppModule {}
