import { flattenValidationErrors } from '@app/common';
import { Capability, ListBatchKind, Organization, Scenario, recordAudit } from '@app/database';
import { normalizeCreditCode, regionDisplayName } from '@app/taxonomy';
import { BadRequestException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { ImportField, columnHeader, readListWorkbook } from './batch-workbook';
import { coversRegion } from './batches.service';
import { CapabilityImportRowDto, ImportItemsQueryDto, ImportResultDto, ImportRowErrorDto, ImportTargetStatus, ScenarioImportRowDto } from './dto/import.dto';

export const IMPORT_MAX_ROWS = 2000;

const NUMBER_FIELDS: ReadonlySet<ImportField> = new Set(['budgetMinWan', 'budgetMaxWan', 'minTrl', 'trl', 'priceMinWan', 'priceMaxWan']);
const LIST_FIELDS: ReadonlySet<ImportField> = new Set(['domains', 'tags']);

type ImportRow = (ScenarioImportRowDto | CapabilityImportRowDto) & { row: number };

/**
 * Districts collect demands in spreadsheets: the same columns as the organizer's export. Every row is
 * validated with the create rules; by default nothing is written if any row fails.
 */
@Injectable()
export class BatchImportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async importItems(user: AuthenticatedUser, query: ImportItemsQueryDto, file: Express.Multer.File | undefined): Promise<ImportResultDto> {
    if (!file?.buffer?.length) throw new BadRequestException('请以 multipart/form-data 上传字段名为 file 的 Excel（.xlsx）文件');
    const kind = query.kind;
    const status: ImportTargetStatus = query.as ?? 'submitted';
    const sheet = await readListWorkbook(kind, file.buffer, IMPORT_MAX_ROWS);
    const errors: ImportRowErrorDto[] = sheet.problems.map((p) => ({ row: p.row, column: p.column, message: p.message }));
    if (errors.length) throw this.rejected(kind, status, 0, errors);

    const valid: ImportRow[] = [];
    for (const { row, values } of sheet.rows) {
      const typed = plainToInstance<ScenarioImportRowDto | CapabilityImportRowDto, object>(
        kind === 'scenario' ? ScenarioImportRowDto : CapabilityImportRowDto,
        coerce(values, kind),
      );
      const problems = flattenValidationErrors(await validate(typed, { forbidUnknownValues: false }));
      for (const problem of problems) {
        const field = problem.field.replace(/\[\d+\]$/, '') as ImportField;
        for (const message of problem.messages) errors.push({ row, column: columnHeader(kind, field), message: message.replace(/^[A-Za-z]+：/, '') });
      }
      if (problems.length === 0) valid.push(Object.assign(typed, { row }));
    }

    const organizations = await this.dataSource.getRepository(Organization).find({ where: { creditCode: In([...new Set(valid.map((r) => r.creditCode))]) } });
    const byCode = new Map(organizations.map((o) => [o.creditCode, o]));
    const ready: Array<{ row: ImportRow; organization: Organization }> = [];
    for (const row of valid) {
      const organization = byCode.get(row.creditCode);
      const before = errors.length;
      const creditColumn = columnHeader(kind, 'creditCode');
      if (!organization) {
        errors.push({ row: row.row, column: creditColumn, message: `未找到统一社会信用代码为 ${row.creditCode} 的单位，请先注册该单位` });
      } else {
        const role = kind === 'scenario' ? 'owner' : 'supplier';
        if (!organization.roles.includes(role)) {
          errors.push({ row: row.row, column: creditColumn, message: `单位「${organization.name}」不是${kind === 'scenario' ? '场景业主方' : '能力供给方'}` });
        }
        const regionCode = row.regionCode ?? organization.regionCode;
        if (!coversRegion(user, regionCode)) {
          errors.push({ row: row.row, column: columnHeader(kind, 'regionCode'), message: `地区「${regionDisplayName(regionCode)}」不在您的管辖范围内` });
        }
      }
      if (organization && errors.length === before) ready.push({ row, organization });
    }

    const failedRows = new Set(errors.map((e) => e.row));
    errors.sort((a, b) => a.row - b.row);
    if (errors.length && !query.partial) throw this.rejected(kind, status, sheet.rows.length, errors);

    const createdIds = await this.dataSource.transaction(async (manager) => {
      const ids: string[] = [];
      const now = new Date();
      for (const { row, organization } of ready.sort((a, b) => a.row.row - b.row.row)) {
        const common = {
          organizationId: organization.id,
          createdBy: user.id,
          title: row.title,
          description: row.description,
          domains: row.domains,
          tags: row.tags,
          status,
          submittedAt: status === 'submitted' ? now : null,
        };
        let id: string;
        if (kind === 'scenario') {
          const r = row as ScenarioImportRowDto;
          const saved = await manager.save(
            manager.create(Scenario, {
              ...common,
              regionCode: r.regionCode,
              tier: r.tier ?? null,
              stage: r.stage ?? null,
              budgetMinWan: r.budgetMinWan ?? null,
              budgetMaxWan: r.budgetMaxWan ?? null,
              minTrl: r.minTrl ?? null,
              deadline: r.deadline ?? null,
              landingConditions: r.landingConditions ?? null,
              anonymous: r.anonymous,
            }),
          );
          id = saved.id;
        } else {
          const r = row as CapabilityImportRowDto;
          const saved = await manager.save(
            manager.create(Capability, {
              ...common,
              regionCode: r.regionCode ?? null,
              kind: r.kind ?? null,
              trl: r.trl ?? null,
              priceMinWan: r.priceMinWan ?? null,
              priceMaxWan: r.priceMaxWan ?? null,
            }),
          );
          id = saved.id;
        }
        await recordAudit(manager, { userId: user.id, role: user.role }, {
          action: `${kind}.import`,
          entityType: kind,
          entityId: id,
          regionCode: row.regionCode ?? organization.regionCode,
          after: { status, row: row.row, file: file.originalname ?? null },
        });
        ids.push(id);
      }
      return ids;
    });
    return { kind, total: sheet.rows.length, imported: createdIds.length, failed: failedRows.size, written: createdIds.length > 0, status, createdIds, errors };
  }

  /** 422 with the whole row report, so a district can fix its spreadsheet in one pass. */
  private rejected(kind: ListBatchKind, status: ImportTargetStatus, total: number, errors: ImportRowErrorDto[]): UnprocessableEntityException {
    const report: ImportResultDto = { kind, total, imported: 0, failed: new Set(errors.map((e) => e.row)).size, written: false, status, createdIds: [], errors };
    return new UnprocessableEntityException({ message: `有 ${errors.length} 处错误，未导入任何数据（可修正后重新上传，或使用 partial=true 只导入无误的行）`, details: report });
  }
}

/** Cells come typed by Excel's whims (numbers as text, codes as numbers); bring them to the DTO's types, leaving bad values for the validator to name. */
function coerce(values: Partial<Record<ImportField, unknown>>, kind: ListBatchKind): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(values) as Array<[ImportField, unknown]>) {
    if (raw === undefined) continue;
    if (LIST_FIELDS.has(field)) {
      result[field] = String(raw)
        .split(/[、,，;；\n]/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
    } else if (NUMBER_FIELDS.has(field)) {
      result[field] = typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    } else if (field === 'anonymous') {
      const text = String(raw).trim().toLowerCase();
      result[field] = ['是', 'true', 'y', 'yes', '1'].includes(text) ? true : ['否', 'false', 'n', 'no', '0'].includes(text) ? false : raw;
    } else if (field === 'creditCode') {
      result[field] = normalizeCreditCode(String(raw));
    } else {
      result[field] = typeof raw === 'number' ? String(raw) : raw;
    }
  }
  if (result.domains === undefined) result.domains = [];
  if (result.tags === undefined) result.tags = [];
  if (kind === 'scenario' && result.anonymous === undefined) result.anonymous = false;
  return result;
}
