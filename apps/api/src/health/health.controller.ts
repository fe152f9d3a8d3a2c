import { RedisStore } from '@app/queue';
import { SearchEngine } from '@app/search';
import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/current-user';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timeout after ${ms} ms`)), ms).unref())]);

@ApiTags('health')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly search: SearchEngine,
    private readonly redis: RedisStore,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查：分别报告 PostgreSQL、Redis 与 Meilisearch 状态，任一不可用时返回 503' })
  checkHealth() {
    return this.health.check([
      () => this.database.pingCheck('postgres', { timeout: 1500 }),
      () => this.checkRedis(),
      () => this.checkMeilisearch(),
    ]);
  }

  private async checkRedis() {
    const indicator = this.indicators.check('redis');
    try {
      await withTimeout(this.redis.ping(), 1500);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async checkMeilisearch() {
    const indicator = this.indicators.check('meilisearch');
    return (await withTimeout(this.search.isHealthy(), 1500).catch(() => false)) ? indicator.up() : indicator.down({ message: 'unreachable' });
  }
}
