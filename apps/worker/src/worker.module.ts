import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { IndexingModule } from './indexing/indexing.module';
import { MatchingWorkerModule } from './matching/matching-worker.module';
import { NotificationDeliveryModule } from './notifications/notifications.module';
import { WorkerHeartbeat } from './worker-heartbeat';
import { EventsWorkerModule } from './events/events.module';
import { ChallengeTimersModule } from './challenges/challenges.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: { level: config.LOG_LEVEL, customProps: () => ({ service: 'worker' }) } }),
    }),
    DatabaseModule,
    QueueModule,
    IndexingModule,
    NotificationDeliveryModule,
    // Feature processor modules: add one line each.
    ChallengeTimersModule,
    EventsWorkerModule,
    MatchingWorkerModule,
  ],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}
