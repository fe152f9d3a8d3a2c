import { ListBatchKind, ListBatchSnapshotItem } from '@app/database';
import { regionDisplayName } from '@app/taxonomy';
import ExcelJS from 'exceljs';

/** The field a column feeds on import (absent: the column is informational, e.g. 序号, 所在地区). */
export type ImportField =
  | 'title'
  | 'description'
  | 'domains'
  | 'regionCode'
  | 'tier'
  | 'stage'
  | 'budgetMinWan'
  | 'budgetMaxWan'
  | 'minTrl'
  | 'deadline'
  | 'tags'
  | 'landingConditions'
  | 'creditCode'
  | 'anonymous'
  | 'kind'
  | 'trl'
  | 'priceMinWan'
  | 'priceMaxWan';

type CellValue = string | number | null;

export interface ColumnDef {
  header: string;
  width: number;
  /** Only in an organizer's export (and the import template). */
  restricted: boolean;
  importAs?: ImportField;
  requiredOnImport?: boolean;
  value: (item: ListBatchSnapshotItem, index: number, full: boolean) => CellValue;
}

export const LIST_SEPARATOR = '、';
const list = (values: readonly string[] | undefined) => (values ?? []).join(LIST_SEPARATOR);
const orNull = <T>(value: T | null | undefined) => (value === undefined || value === null ? null : value);

const SCENARIO_COLUMNS: ColumnDef[] = [
  { header: '序号', width: 6, restricted: false, value: (_, i) => i + 1 },
  { header: '场景名称', width: 30, restricted: false, importAs: 'title', requiredOnImport: true, value: (it) => it.title },
  { header: '场景简介', width: 40, restricted: false, value: (it) => it.summary },
  { header: '场景描述', width: 60, restricted: true, importAs: 'description', requiredOnImport: true, value: (it) => it.description },
  { header: '所属领域', width: 20, restricted: false, importAs: 'domains', requiredOnImport: true, value: (it) => list(it.domains) },
  { header: '所在地区', width: 18, restricted: false, value: (it) => (it.regionCode ? regionDisplayName(it.regionCode) : null) },
  { header: '行政区划代码', width: 12, restricted: false, importAs: 'regionCode', requiredOnImport: true, value: (it) => it.regionCode },
  { header: '场景层级', width: 20, restricted: false, importAs: 'tier', value: (it) => orNull(it.tier) },
  { header: '场景阶段', width: 16, restricted: false, importAs: 'stage', value: (it) => orNull(it.stage) },
  { header: '预算下限（万元）', width: 14, restricted: false, importAs: 'budgetMinWan', value: (it) => orNull(it.budgetMinWan) },
  { header: '预算上限（万元）', width: 14, restricted: false, importAs: 'budgetMaxWan', value: (it) => orNull(it.budgetMaxWan) },
  { header: '最低技术成熟度（TRL）', width: 12, restricted: false, importAs: 'minTrl', value: (it) => orNull(it.minTrl) },
  { header: '截止日期', width: 12, restricted: false, importAs: 'deadline', value: (it) => orNull(it.deadline) },
  { header: '标签', width: 24, restricted: false, importAs: 'tags', value: (it) => list(it.tags) },
  { header: '落地条件', width: 40, restricted: true, importAs: 'landingConditions', value: (it) => orNull(it.landingConditions) },
  { header: '业主单位', width: 24, restricted: false, value: (it, _, full) => (full ? it.organizationName : it.displayName) },
  { header: '统一社会信用代码', width: 22, restricted: true, importAs: 'creditCode', requiredOnImport: true, value: (it) => it.organizationCreditCode },
  { header: '匿名发布', width: 10, restricted: false, importAs: 'anonymous', value: (it) => (it.anonymous ? '是' : '否') },
];

const CAPABILITY_COLUMNS: ColumnDef[] = [
  { header: '序号', width: 6, restricted: false, value: (_, i) => i + 1 },
  { header: '能力名称', width: 30, restricted: false, importAs: 'title', requiredOnImport: true, value: (it) => it.title },
  { header: '能力描述', width: 60, restricted: false, importAs: 'description', requiredOnImport: true, value: (it) => it.description },
  { header: '所属领域', width: 20, restricted: false, importAs: 'domains', requiredOnImport: true, value: (it) => list(it.domains) },
  { header: '能力类型', width: 12, restricted: false, importAs: 'kind', value: (it) => orNull(it.kind) },
  { header: '技术成熟度（TRL）', width: 12, restricted: false, importAs: 'trl', value: (it) => orNull(it.trl) },
  { header: '所在地区', width: 18, restricted: false, value: (it) => (it.regionCode ? regionDisplayName(it.regionCode) : null) },
  { header: '行政区划代码', width: 12, restricted: false, importAs: 'regionCode', value: (it) => it.regionCode },
  { header: '报价下限（万元）', width: 14, restricted: false, importAs: 'priceMinWan', value: (it) => orNull(it.priceMinWan) },
  { header: '报价上限（万元）', width: 14, restricted: false, importAs: 'priceMaxWan', value: (it) => orNull(it.priceMaxWan) },
  { header: '标签', width: 24, restricted: false, importAs: 'tags', value: (it) => list(it.tags) },
  { header: '资质', width: 24, restricted: false, value: (it) => list(it.qualifications) },
  { header: '供给单位', width: 24, restricted: false, value: (it) => it.displayName },
  { header: '统一社会信用代码', width: 22, restricted: true, importAs: 'creditCode', requiredOnImport: true, value: (it) => it.organizationCreditCode },
];

export const LIST_COLUMNS: Record<ListBatchKind, ColumnDef[]> = { scenario: SCENARIO_COLUMNS, capability: CAPABILITY_COLUMNS };

export function exportColumns(kind: ListBatchKind, full: boolean): ColumnDef[] {
  return LIST_COLUMNS[kind].filter((column) => full || !column.restricted);
}

/** A real .xlsx: bold, frozen Chinese header row, one row per item, text cells for codes and dates. */
export async function buildListWorkbook(kind: ListBatchKind, title: string, items: ListBatchSnapshotItem[], full: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '场景对接平台';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(kind === 'scenario' ? '场景机会清单' : '能力供给清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = exportColumns(kind, full);
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  sheet.getRow(1).font = { bold: true };
  items.forEach((item, index) => sheet.addRow(columns.map((column) => column.value(item, index, full))));
  // Credit codes, region codes and dates must stay text, or Excel turns 330206 into a number and drops leading zeros.
  columns.forEach((column, i) => {
    if (column.importAs === 'creditCode' || column.importAs === 'regionCode' || column.importAs === 'deadline') sheet.getColumn(i + 1).numFmt = '@';
  });
  workbook.title = title;
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

export interface ParsedSheetRow {
  /** The Excel row number (the header is row 1). */
  row: number;
  values: Partial<Record<ImportField, unknown>>;
}

export interface SheetProblem {
  row: number;
  column: string;
  message: string;
}

/** Reads the first worksheet by header text (column order and extra columns do not matter). */
export async function readListWorkbook(kind: ListBatchKind, buffer: Buffer, maxRows: number): Promise<{ rows: ParsedSheetRow[]; problems: SheetProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return { rows: [], problems: [{ row: 0, column: '', message: '文件不是有效的 Excel（.xlsx）工作簿' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], problems: [{ row: 0, column: '', message: '工作簿中没有工作表' }] };
  const headerRow = sheet.getRow(1);
  const positions = new Map<ImportField, number>();
  const columns = LIST_COLUMNS[kind];
  headerRow.eachCell((cell, col) => {
    const text = cellText(cell.value);
    const column = columns.find((c) => c.header === text);
    if (column?.importAs) positions.set(column.importAs, col);
  });
  const problems: SheetProblem[] = columns
    .filter((c) => c.requiredOnImport && c.importAs && !positions.has(c.importAs))
    .map((c) => ({ row: 1, column: c.header, message: `缺少必需的列「${c.header}」` }));
  if (problems.length) return { rows: [], problems };
  const rows: ParsedSheetRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const excelRow = sheet.getRow(r);
    const values: Partial<Record<ImportField, unknown>> = {};
    let empty = true;
    for (const [field, col] of positions) {
      const value = normalizeCell(excelRow.getCell(col).value);
      if (value !== undefined) empty = false;
      values[field] = value;
    }
    if (empty) continue;
    if (rows.length >= maxRows) return { rows: [], problems: [{ row: r, column: '', message: `一次最多导入 ${maxRows} 行，请拆分文件` }] };
    rows.push({ row: r, values });
  }
  if (rows.length === 0) problems.push({ row: 2, column: '', message: '文件中没有数据行' });
  return { rows, problems };
}

export function columnHeader(kind: ListBatchKind, field: ImportField): string {
  return LIST_COLUMNS[kind].find((c) => c.importAs === field)?.header ?? field;
}

/** Text, numbers and dates as Excel may hold them (rich text, formula results, hyperlinks), or undefined when blank. */
function normalizeCell(value: ExcelJS.CellValue): string | number | boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = cellText(value);
  return text === '' ? undefined : text;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return '';
}
