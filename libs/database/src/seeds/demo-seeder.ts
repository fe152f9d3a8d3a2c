import { makeCreditCode } from '@app/taxonomy';
import { hash } from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { Capability, CapabilityStatus } from '../entities/capability.entity';
import { Organization, OrganizationCase, OrganizationQualification, OrganizationRole } from '../entities/organization.entity';
import { Scenario, ScenarioContact, ScenarioStatus } from '../entities/scenario.entity';
import { SeedRun } from '../entities/seed-run.entity';
import { User, UserRole } from '../entities/user.entity';
import { recordOutboxEvent } from '../outbox';
import capabilitiesJson from './demo-data/capabilities.json';
import organizationsJson from './demo-data/organizations.json';
import scenariosJson from './demo-data/scenarios.json';
import { upsertReferenceData } from './reference-data';

export const DEMO_SEED_NAME = 'demo-v1';
/** Every demo account shares this password; the README lists the accounts. */
export const DEMO_PASSWORD = 'Demo@2026';
export const DEMO_EMAIL_DOMAIN = 'demo.scenario-exchange.cn';

interface DemoOrganization {
  key: string;
  name: string;
  type: string;
  creditCode: string;
  regionCode: string;
  roles: OrganizationRole[];
  size?: string;
  description?: string;
  domains?: string[];
  qualifications?: OrganizationQualification[];
  cases?: OrganizationCase[];
}

interface DemoScenario {
  key: string;
  ownerKey: string;
  title: string;
  description: string;
  domains: string[];
  regionCode: string;
  tier?: string;
  stage?: string;
  budgetWan?: [number, number] | null;
  minTrl?: number | null;
  deadline?: string;
  tags?: string[];
  landingConditions?: string;
  contact?: ScenarioContact;
  anonymous?: boolean;
  status: ScenarioStatus;
}

interface DemoCapability {
  key: string;
  supplierKey: string;
  title: string;
  description: string;
  domains: string[];
  kind?: string;
  trl?: number;
  priceWan?: [number, number] | null;
  tags?: string[];
  status: CapabilityStatus;
}

/** The organizers, experts and admin a real installation has from day one. */
const PLATFORM_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'platform-zj-center', name: '浙江省场景创新促进中心', type: '政府部门', creditCode: makeCreditCode('12330000MB0A1C2D3'), regionCode: '330000', roles: ['organizer'], description: '负责全省场景需求征集、凝练打磨与清单发布的组织机构。' },
  { key: 'platform-nb-center', name: '宁波市场景创新促进中心', type: '政府部门', creditCode: makeCreditCode('12330200MB0B2C3D4'), regionCode: '330200', roles: ['organizer'], description: '负责宁波市场景对接活动、路演与揭榜挂帅组织实施。' },
  { key: 'platform-expert-pool', name: '浙江省未来产业专家咨询委员会', type: '科研院所', creditCode: makeCreditCode('12330000MB0C3D4E5'), regionCode: '330100', roles: ['expert'], description: '为揭榜挂帅评审与场景凝练提供专家支持。' },
];

interface DemoAccount {
  email: string;
  displayName: string;
  role: UserRole;
  orgKey: string;
  jurisdiction?: string;
}

const PLATFORM_ACCOUNTS: DemoAccount[] = [
  { email: `admin@${DEMO_EMAIL_DOMAIN}`, displayName: '平台管理员', role: 'admin', orgKey: 'platform-zj-center' },
  { email: `organizer.zj@${DEMO_EMAIL_DOMAIN}`, displayName: '省场景中心 王主任', role: 'organizer', orgKey: 'platform-zj-center', jurisdiction: '330000' },
  { email: `organizer.nb@${DEMO_EMAIL_DOMAIN}`, displayName: '宁波场景中心 陈科长', role: 'organizer', orgKey: 'platform-nb-center', jurisdiction: '330200' },
  { email: `expert1@${DEMO_EMAIL_DOMAIN}`, displayName: '李教授', role: 'expert', orgKey: 'platform-expert-pool' },
  { email: `expert2@${DEMO_EMAIL_DOMAIN}`, displayName: '张研究员', role: 'expert', orgKey: 'platform-expert-pool' },
  { email: `expert3@${DEMO_EMAIL_DOMAIN}`, displayName: '赵高工', role: 'expert', orgKey: 'platform-expert-pool' },
];

export interface SeedResult {
  loaded: boolean;
  organizations: number;
  users: number;
  scenarios: number;
  capabilities: number;
}

/**
 * Loads reference data every time and the demo market once. The seed_runs row is written in the
 * same transaction as the data, so a crash mid-way leaves nothing and the next start tries again.
 */
export async function seedDatabase(dataSource: DataSource, options: { demo: boolean }): Promise<SeedResult> {
  await dataSource.transaction((manager) => upsertReferenceData(manager));
  const empty: SeedResult = { loaded: false, organizations: 0, users: 0, scenarios: 0, capabilities: 0 };
  if (!options.demo) return empty;
  return dataSource.transaction(async (manager) => {
    // Serializes concurrent first starts (api and a test, say) on the same database.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('seed-demo'))`);
    if (await manager.findOneBy(SeedRun, { name: DEMO_SEED_NAME })) return empty;
    const result = await loadDemoMarket(manager);
    await manager.insert(SeedRun, { name: DEMO_SEED_NAME });
    return result;
  });
}

async function loadDemoMarket(manager: EntityManager): Promise<SeedResult> {
  const orgIds = new Map<string, string>();
  const orgs = [...PLATFORM_ORGANIZATIONS, ...(organizationsJson as DemoOrganization[])];
  for (const o of orgs) {
    const saved = await manager.save(
      manager.create(Organization, {
        name: o.name,
        type: o.type,
        creditCode: o.creditCode,
        regionCode: o.regionCode,
        roles: o.roles,
        size: o.size ?? null,
        description: o.description ?? null,
        domains: o.domains ?? [],
        qualifications: o.qualifications ?? [],
        cases: o.cases ?? [],
        verifiedAt: new Date(),
        externalKey: `demo:${o.key}`,
      }),
    );
    orgIds.set(o.key, saved.id);
    if (o.roles.includes('supplier')) await recordOutboxEvent(manager, 'organization', saved.id, 'seeded');
  }

  const passwordHash = await hash(DEMO_PASSWORD, 10);
  const accounts: DemoAccount[] = [...PLATFORM_ACCOUNTS];
  for (const o of organizationsJson as DemoOrganization[]) {
    if (o.roles.includes('owner')) accounts.push({ email: `${o.key}@${DEMO_EMAIL_DOMAIN}`, displayName: `${o.name}（需求联系人）`, role: 'owner', orgKey: o.key });
    if (o.roles.includes('supplier')) {
      const email = o.roles.includes('owner') ? `${o.key}.supplier@${DEMO_EMAIL_DOMAIN}` : `${o.key}@${DEMO_EMAIL_DOMAIN}`;
      accounts.push({ email, displayName: `${o.name}（供给联系人）`, role: 'supplier', orgKey: o.key });
    }
  }
  const userIdByOrg = new Map<string, string>();
  for (const a of accounts) {
    const user = await manager.save(
      manager.create(User, {
        organizationId: orgIds.get(a.orgKey) as string,
        email: a.email.toLowerCase(),
        displayName: a.displayName,
        passwordHash,
        role: a.role,
        jurisdictionRegionCode: a.jurisdiction ?? null,
      }),
    );
    if (!userIdByOrg.has(a.orgKey)) userIdByOrg.set(a.orgKey, user.id);
  }

  const now = Date.now();
  let scenarios = 0;
  for (const [i, s] of (scenariosJson as DemoScenario[]).entries()) {
    const organizationId = orgIds.get(s.ownerKey);
    if (!organizationId) throw new Error(`Demo scenario ${s.key} names unknown owner ${s.ownerKey}`);
    const publishedAt = s.status === 'published' ? new Date(now - (i + 1) * 36e5 * 7) : null;
    const saved = await manager.save(
      manager.create(Scenario, {
        organizationId,
        createdBy: userIdByOrg.get(s.ownerKey) ?? null,
        title: s.title,
        description: s.description,
        domains: s.domains,
        regionCode: s.regionCode,
        tier: s.tier ?? null,
        stage: s.stage ?? null,
        budgetMinWan: s.budgetWan?.[0] ?? null,
        budgetMaxWan: s.budgetWan?.[1] ?? null,
        minTrl: s.minTrl ?? null,
        deadline: s.deadline ?? null,
        tags: s.tags ?? [],
        landingConditions: s.landingConditions ?? null,
        contact: s.contact ?? null,
        anonymous: s.anonymous ?? false,
        status: s.status,
        externalKey: `demo:${s.key}`,
        submittedAt: s.status === 'draft' ? null : (publishedAt ?? new Date(now - i * 36e5)),
        publishedAt,
      }),
    );
    if (s.status === 'published') await recordOutboxEvent(manager, 'scenario', saved.id, 'published');
    scenarios++;
  }

  let capabilities = 0;
  for (const [i, c] of (capabilitiesJson as DemoCapability[]).entries()) {
    const organizationId = orgIds.get(c.supplierKey);
    if (!organizationId) throw new Error(`Demo capability ${c.key} names unknown supplier ${c.supplierKey}`);
    const publishedAt = c.status === 'published' ? new Date(now - (i + 1) * 36e5 * 3) : null;
    const saved = await manager.save(
      manager.create(Capability, {
        organizationId,
        createdBy: null,
        title: c.title,
        description: c.description,
        domains: c.domains,
        kind: c.kind ?? null,
        trl: c.trl ?? null,
        regionCode: null,
        priceMinWan: c.priceWan?.[0] ?? null,
        priceMaxWan: c.priceWan?.[1] ?? null,
        tags: c.tags ?? [],
        status: c.status,
        externalKey: `demo:${c.key}`,
        submittedAt: c.status === 'draft' ? null : (publishedAt ?? new Date(now - i * 36e5)),
        publishedAt,
      }),
    );
    if (c.status === 'published') await recordOutboxEvent(manager, 'capability', saved.id, 'published');
    capabilities++;
  }
  return { loaded: true, organizations: orgs.length, users: accounts.length, scenarios, capabilities };
}
