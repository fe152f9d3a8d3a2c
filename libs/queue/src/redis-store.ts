import { APP_CONFIG, AppConfig } from '@app/config';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * A plain Redis connection for small things beside the queues (health pings, heartbeats, counters).
 * Fails fast instead of queueing commands while Redis is down, so health checks answer promptly.
 */
@Injectable()
export class RedisStore implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, connectTimeout: 2000 });
    this.client.on('error', () => undefined);
    this.prefix = config.REDIS_PREFIX;
  }

  key(name: string): string {
    return `${this.prefix}:${name}`;
  }

  async ping(): Promise<string> {
    if (this.client.status === 'wait') await this.client.connect();
    return this.client.ping();
  }

  async setWithTtl(name: string, value: string, ttlSeconds: number): Promise<void> {
    if (this.client.status === 'wait') await this.client.connect();
    await this.client.set(this.key(name), value, 'EX', ttlSeconds);
  }

  async get(name: string): Promise<string | null> {
    if (this.client.status === 'wait') await this.client.connect();
    return this.client.get(this.key(name));
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
