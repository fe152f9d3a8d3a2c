import { RedisStore } from '@app/queue';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export const HEARTBEAT_KEY = 'worker:heartbeat';

/** The worker has no HTTP port; its liveness is a Redis key with a TTL that `worker-health` reads. */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHeartbeat.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly redis: RedisStore) {}

  onApplicationBootstrap(): void {
    const beat = async () => {
      try {
        await this.redis.setWithTtl(HEARTBEAT_KEY, new Date().toISOString(), 30);
      } catch (error) {
        this.logger.warn({ err: error instanceof Error ? error.message : error }, 'Heartbeat failed');
      }
    };
    void beat();
    this.timer = setInterval(() => void beat(), 10_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
