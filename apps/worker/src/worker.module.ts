import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { IndexingModule } from './indexing/indexing.module';
import { NotificationDeliveryModule } from './notifications/notifications.module';
import { WorkerHeartbeat } from './worker-heartbeat';

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
  ],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}
