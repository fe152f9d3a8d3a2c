import { AuditEntry } from './audit-entry.entity';
import { Capability } from './capability.entity';
import { Domain } from './domain.entity';
import { Notification } from './notification.entity';
import { Organization } from './organization.entity';
import { OutboxEvent } from './outbox-event.entity';
import { RefreshToken } from './refresh-token.entity';
import { Region } from './region.entity';
import { Scenario } from './scenario.entity';
import { SeedRun } from './seed-run.entity';
import { User } from './user.entity';

export * from './audit-entry.entity';
export * from './capability.entity';
export * from './column-transformers';
export * from './domain.entity';
export * from './notification.entity';
export * from './organization.entity';
export * from './outbox-event.entity';
export * from './refresh-token.entity';
export * from './region.entity';
export * from './scenario.entity';
export * from './seed-run.entity';
export * from './user.entity';

/** Every entity; listed explicitly so the same array works from ts sources and from dist. */
export const ALL_ENTITIES = [
  AuditEntry,
  Capability,
  Domain,
  Notification,
  Organization,
  OutboxEvent,
  RefreshToken,
  Region,
  Scenario,
  SeedRun,
  User,
  // Feature entities: add one line each.
];
