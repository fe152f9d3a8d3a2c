import { APP_CONFIG, AppConfig } from '@app/config';
import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { ChallengesProducer, EventsProducer, IndexingProducer, MatchingProducer, NotificationsProducer } from './job-producer';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue-contract';
import { RedisStore } from './redis-store';

export function redisConnectionOptions(config: AppConfig) {
  const url = new URL(config.REDIS_URL);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    username: url.username || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    tls: url.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

const producers = [RedisStore, IndexingProducer, MatchingProducer, NotificationsProducer, EventsProducer, ChallengesProducer];

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config),
        prefix: config.REDIS_PREFIX,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(...Object.values(QueueName).map((name) => ({ name }))),
  ],
  providers: producers,
  exports: [BullModule, ...producers],
})
export class QueueModule {}
