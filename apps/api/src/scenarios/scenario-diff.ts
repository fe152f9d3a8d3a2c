import { ScenarioSnapshot } from '@app/database';
import { diffWords } from 'diff';

export const SNAPSHOT_FIELD_LABELS: Record<keyof ScenarioSnapshot, string> = {
  title: '标题',
  description: '场景描述',
  domains: '所属领域',
  regionCode: '所在地区',
  tier: '场景层级',
  stage: '场景阶段',
  budgetMinWan: '预算下限（万元）',
  budgetMaxWan: '预算上限（万元）',
  budgetNegotiable: '预算面议',
  minTrl: '最低技术成熟度',
  deadline: '征集截止日期',
  tags: '标签',
  landingConditions: '落地条件',
  contact: '联系方式',
  attachments: '附件',
  anonymous: '匿名发布',
};

export const SNAPSHOT_FIELDS = Object.keys(SNAPSHOT_FIELD_LABELS) as Array<keyof ScenarioSnapshot>;

/** Fields long enough that a whole-value before/after is unreadable; they also get a word-level diff. */
const LONG_TEXT_FIELDS: ReadonlySet<keyof ScenarioSnapshot> = new Set(['title', 'description', 'landingConditions']);

export interface TextDiffPart {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

export interface FieldChange {
  field: keyof ScenarioSnapshot;
  label: string;
  before: unknown;
  after: unknown;
  textDiff: TextDiffPart[] | null;
}

const canonical = (value: unknown): string => JSON.stringify(value ?? null);

export function changedFields(before: ScenarioSnapshot, after: ScenarioSnapshot): Array<keyof ScenarioSnapshot> {
  return SNAPSHOT_FIELDS.filter((field) => canonical(before[field]) !== canonical(after[field]));
}

// Chinese has no spaces: without a word segmenter diffWords would treat a whole sentence as one "word".
const zhWords = new Intl.Segmenter('zh', { granularity: 'word' });

export function textDiff(before: string, after: string): TextDiffPart[] {
  return diffWords(before, after, { intlSegmenter: zhWords }).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}

/** Field-by-field changes between two snapshots, with a word-level diff for long text. */
export function diffSnapshots(before: ScenarioSnapshot, after: ScenarioSnapshot, options: { includeContact: boolean }): FieldChange[] {
  return changedFields(before, after)
    .filter((field) => options.includeContact || field !== 'contact')
    .map((field) => ({
      field,
      label: SNAPSHOT_FIELD_LABELS[field],
      before: before[field] ?? null,
      after: after[field] ?? null,
      textDiff: LONG_TEXT_FIELDS.has(field) ? textDiff(String(before[field] ?? ''), String(after[field] ?? '')) : null,
    }));
}
