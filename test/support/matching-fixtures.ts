import { Capability, Scenario, recordOutboxEvent } from '@app/database';
import { DataSource } from 'typeorm';

/**
 * Published scenarios and capabilities written the way the publish flow writes them (row + outbox row in one
 * transaction), for tests that must not depend on the scenario/capability APIs.
 */
export async function insertPublishedScenario(dataSource: DataSource, organizationId: string, createdBy: string, fields: Partial<Scenario>): Promise<Scenario> {
  return dataSource.transaction(async (manager) => {
    const saved = await manager.save(
      manager.create(Scenario, { organizationId, createdBy, status: 'published', publishedAt: new Date(), submittedAt: new Date(), ...fields }),
    );
    await recordOutboxEvent(manager, 'scenario', saved.id, 'published');
    return saved;
  });
}

export async function insertPublishedCapability(dataSource: DataSource, organizationId: string, createdBy: string, fields: Partial<Capability>): Promise<Capability> {
  return dataSource.transaction(async (manager) => {
    const saved = await manager.save(
      manager.create(Capability, { organizationId, createdBy, status: 'published', publishedAt: new Date(), submittedAt: new Date(), ...fields }),
    );
    await recordOutboxEvent(manager, 'capability', saved.id, 'published');
    return saved;
  });
}

/** An edit: new content, version + 1, outbox row. */
export async function editScenario(dataSource: DataSource, id: string, changes: Partial<Scenario>): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.update(Scenario, { id }, changes);
    await manager.increment(Scenario, { id }, 'version', 1);
    await recordOutboxEvent(manager, 'scenario', id, 'updated');
  });
}

/** A capability edit: new content, version + 1, outbox row. */
export async function editCapability(dataSource: DataSource, id: string, changes: Partial<Capability>): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.update(Capability, { id }, changes);
    await manager.increment(Capability, { id }, 'version', 1);
    await recordOutboxEvent(manager, 'capability', id, 'updated');
  });
}

export async function setScenarioStatus(dataSource: DataSource, id: string, status: Scenario['status']): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.update(Scenario, { id }, { status, closedAt: new Date() });
    await recordOutboxEvent(manager, 'scenario', id, status);
  });
}

export async function setCapabilityStatus(dataSource: DataSource, id: string, status: Capability['status']): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.update(Capability, { id }, { status });
    await recordOutboxEvent(manager, 'capability', id, status);
  });
}
