import { Organization, User } from '@app/database';
import { hash } from 'bcryptjs';
import request from 'supertest';
import { bearer, login, randomCreditCode, TestAccount, uniqueSuffix } from './fixtures';
import { TestStack } from './test-app';

/** Many owners or suppliers at once (organizations + accounts written directly, then logged in through the API). */
export async function createParticipants(stack: TestStack, role: 'owner' | 'supplier', count: number, regionCode = '330212'): Promise<TestAccount[]> {
  const passwordHash = await hash('Test@2026pass', 4);
  const emails: string[] = [];
  await stack.dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i++) {
      const suffix = uniqueSuffix();
      const org = await manager.save(
        manager.create(Organization, { name: `${role === 'owner' ? '业主' : '供给'}单位${suffix}`, type: role === 'owner' ? '国有企业' : '民营企业', creditCode: randomCreditCode(regionCode), regionCode, roles: [role] }),
      );
      const email = `${role}.${suffix}@test.scenario-exchange.cn`;
      await manager.save(manager.create(User, { organizationId: org.id, email, displayName: `参会人${suffix.slice(-4)}`, passwordHash, role }));
      emails.push(email);
    }
  });
  const accounts: TestAccount[] = [];
  for (const email of emails) accounts.push(await login(stack.app, email, role));
  return accounts;
}

/** A date string (Beijing time) `daysAhead` days from now. */
export function beijingDate(daysAhead: number): string {
  return new Date(Date.now() + 8 * 3600_000 + daysAhead * 24 * 3600_000).toISOString().slice(0, 10);
}

export function eventPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'matchmaking',
    title: `测试场景对接会${uniqueSuffix()}`,
    description: '具身智能专场 1 对 1 洽谈',
    domains: ['具身智能'],
    regionCode: '330212',
    venue: '宁波国际会议中心 3 号厅',
    days: [{ date: beijingDate(2), start: '09:00', end: '11:00' }],
    breaks: [{ start: '10:00', end: '10:20' }],
    registrationOpensAt: new Date(Date.now() - 3600_000).toISOString(),
    registrationClosesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
    capacityOwner: 50,
    capacitySupplier: 50,
    slotMinutes: 20,
    tableCount: 2,
    maxMeetingsPerParticipant: 3,
    requestExpiryDays: 3,
    ...overrides,
  };
}

export async function createPublishedEvent(stack: TestStack, organizer: TestAccount, overrides: Record<string, unknown> = {}): Promise<{ id: string; slots: Array<{ id: string; startsAt: string; endsAt: string }> }> {
  const http = request(stack.app.getHttpServer());
  const created = await http.post('/api/v1/events').set(bearer(organizer)).send(eventPayload(overrides));
  if (created.status !== 201) throw new Error(`create event failed: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await request(stack.app.getHttpServer()).post(`/api/v1/events/${created.body.id}/publish`).set(bearer(organizer));
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

export async function registerFor(stack: TestStack, eventId: string, account: TestAccount, body: Record<string, unknown> = {}): Promise<{ id: string; status: string; checkInCode: string }> {
  const res = await request(stack.app.getHttpServer())
    .post(`/api/v1/events/${eventId}/registrations`)
    .set(bearer(account))
    .send({ attendees: [{ name: '张工', title: '总工程师', phone: '13800000000' }], ...body });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
