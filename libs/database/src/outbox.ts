import { EntityManager } from 'typeorm';
import { OutboxAggregate, OutboxEvent } from './entities/outbox-event.entity';

/** Must be called inside the transaction that made the change; the worker applies it afterwards. */
export async function recordOutboxEvent(
  manager: EntityManager,
  aggregate: OutboxAggregate,
  aggregateId: string,
  event: string,
): Promise<void> {
  await manager.insert(OutboxEvent, { aggregate, aggregateId, event });
}
