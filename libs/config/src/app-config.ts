import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the platform reads. Nothing else may touch process.env,
 * so a bad deployment fails at boot with the variable named, not at the first request.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/scenario_exchange';

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Keeps queues of parallel test runs (or several installs on one Redis) apart. */
  @IsString()
  @MinLength(1)
  REDIS_PREFIX = 'sx';

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_tld: false })
  MEILI_URL?: string;

  @IsString()
  MEILI_MASTER_KEY = 'scenario-exchange-dev-master-key';

  /** Prefix for index names, so tests and several installs can share one Meilisearch. */
  @IsString()
  MEILI_INDEX_PREFIX = 'sx';

  @IsString()
  @MinLength(16)
  JWT_SECRET = 'change-me-in-production-please-32b';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  JWT_REFRESH_TTL_SECONDS = 1209600;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @IsOptional()
  @IsUrl({ protocols: ['smtp', 'smtps'], require_tld: false })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = '场景对接平台 <noreply@scenario-exchange.local>';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT_PER_MINUTE = 20;

  /** Where `npm start` keeps the Meilisearch it starts itself. */
  @IsString()
  DATA_DIR = './.data';

  /**
   * Candidate capabilities the matching worker keeps parsed in memory (about 3 kB each). Sized to the
   * published pool, a rematch-all re-reads nothing; smaller, it reads what fell out.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  MATCHING_CANDIDATE_CACHE = 50_000;

  @IsIn(['true', 'false'])
  SEED_DEMO_DATA: 'true' | 'false' = 'true';
}

export type AppConfig = Readonly<EnvironmentVariables>;

export class ConfigValidationError extends Error {}

/** Validates the given environment (default: process.env) into a typed, frozen config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'MEILI_URL', 'SMTP_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}=${JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(config);
}

/** Meilisearch location: explicit MEILI_URL, or the one `npm start` launches on 127.0.0.1:7700. */
export function meiliUrlOf(config: AppConfig): string {
  return config.MEILI_URL ?? 'http://127.0.0.1:7700';
}
