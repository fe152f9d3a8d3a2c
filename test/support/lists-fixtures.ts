import { Capability, Organization, OrganizationQualification, Scenario } from '@app/database';
import { SearchEngine, SearchIndexKind } from '@app/search';
import { OrganizationType } from '@app/taxonomy';
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource, DeepPartial } from 'typeorm';
import { bearer, randomCreditCode, TestAccount, uniqueSuffix } from './fixtures';
import { eventually } from './test-app';

/**
 * Lists and search tests need approved scenarios and verified capabilities; the scenario and capability
 * APIs are built alongside, so these rows are written straight through the repositories.
 */
export async function createOrganization(
  dataSource: DataSource,
  options: { roles?: Array<'owner' | 'supplier'>; regionCode?: string; type?: OrganizationType; name?: string; qualifications?: OrganizationQualification[]; domains?: string[]; description?: string } = {},
): Promise<Organization> {
  const regionCode = options.regionCode ?? '330206';
  return dataSource.getRepository(Organization).save({
    name: options.name ?? `测试单位${uniqueSuffix()}`,
    type: options.type ?? '民营企业',
    creditCode: randomCreditCode(regionCode),
    regionCode,
    roles: options.roles ?? ['owner', 'supplier'],
    qualifications: options.qualifications ?? [],
    domains: options.domains ?? [],
    description: options.description ?? null,
    cases: [],
  });
}

export async function createScenario(dataSource: DataSource, organization: Organization, overrides: DeepPartial<Scenario> = {}): Promise<Scenario> {
  return dataSource.getRepository(Scenario).save({
    organizationId: organization.id,
    title: `测试场景${uniqueSuffix()}`,
    description: '面向港区的测试场景需求描述，需要可靠的技术方案。',
    domains: ['具身智能'],
    regionCode: organization.regionCode,
    tier: '小切口高价值场景',
    stage: '早期验证场景',
    budgetMinWan: 100,
    budgetMaxWan: 300,
    minTrl: 6,
    deadline: '2027-03-31',
    tags: ['测试'],
    landingConditions: '提供试点场地与数据接口',
    contact: { name: '张三', phone: '13800000000', email: 'owner@example.cn' },
    status: 'approved',
    submittedAt: new Date(),
    ...overrides,
  } as DeepPartial<Scenario>);
}

export async function createCapability(dataSource: DataSource, organization: Organization, overrides: DeepPartial<Capability> = {}): Promise<Capability> {
  return dataSource.getRepository(Capability).save({
    organizationId: organization.id,
    title: `测试能力${uniqueSuffix()}`,
    description: '成熟的测试能力描述。',
    domains: ['具身智能'],
    kind: '产品',
    trl: 7,
    regionCode: organization.regionCode,
    priceMinWan: 50,
    priceMaxWan: 80,
    tags: ['测试'],
    status: 'verified',
    submittedAt: new Date(),
    ...overrides,
  } as DeepPartial<Capability>);
}

/** Creates a batch through the API, adds the items and publishes it; returns the published detail. */
export async function publishBatch(
  app: INestApplication,
  organizer: TestAccount,
  kind: 'scenario' | 'capability',
  itemIds: string[],
  options: { title?: string; regionCode?: string } = {},
): Promise<{ id: string; body: Record<string, unknown> }> {
  const http = () => request(app.getHttpServer());
  const created = await http()
    .post('/api/v1/batches')
    .set(bearer(organizer))
    .send({ kind, title: options.title ?? `2026年测试${kind === 'scenario' ? '场景机会' : '能力供给'}清单${uniqueSuffix()}`, regionCode: options.regionCode });
  if (created.status !== 201) throw new Error(`create batch failed: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const added = await http().post(`/api/v1/batches/${id}/items`).set(bearer(organizer)).send({ itemIds });
  if (added.status !== 200) throw new Error(`add items failed: ${added.status} ${JSON.stringify(added.body)}`);
  const published = await http().post(`/api/v1/batches/${id}/publish`).set(bearer(organizer));
  if (published.status !== 200) throw new Error(`publish failed: ${published.status} ${JSON.stringify(published.body)}`);
  return { id, body: published.body };
}

/** Polls the index until the document is there (and passes the optional check). */
export async function waitForDocument(
  app: INestApplication,
  kind: SearchIndexKind,
  id: string,
  check: (doc: Record<string, unknown>) => boolean = () => true,
  timeoutMs = 45_000,
): Promise<Record<string, unknown>> {
  const engine = app.get(SearchEngine);
  return eventually(async () => {
    const doc = await engine.client.index(engine.indexName(kind)).getDocument(id);
    if (!check(doc)) throw new Error(`document ${id} not yet as expected`);
    return doc;
  }, timeoutMs, 200);
}

export async function readWorkbook(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

/** A workbook with the given header row and rows, as a district would fill it in. */
export async function makeWorkbook(headers: string[], rows: Array<Array<string | number | null>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** supertest collects binary bodies only with a parser; this one buffers them. */
export function binaryParser(res: unknown, callback: (err: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (err: Error) => callback(err, Buffer.alloc(0)));
}
