import { PageQueryDto } from '@app/common';
import { CAPABILITY_STATUSES, SCENARIO_STATUSES } from '@app/database';
import { CAPABILITY_KINDS, IsDomainName, IsRegionCode, QUALIFICATIONS, SCENARIO_STAGES, SCENARIO_TIERS } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { oneOf } from '../../batches/dto/import.dto';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const SEARCH_TYPES = ['scenario', 'capability', 'organization'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_SORTS = ['publishedAt:desc', 'publishedAt:asc', 'deadline:asc', 'deadline:desc', 'budget:asc', 'budget:desc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

const SEARCH_STATUSES = [...new Set<string>([...SCENARIO_STATUSES, ...CAPABILITY_STATUSES])];

/** `domain=a&domain=b` and `domain=a,b` both become ['a', 'b']. */
const toList = ({ value }: { value: unknown }) => {
  if (value === undefined || value === null || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(/[,，]/) : [v]));
  return parts.map((p) => (typeof p === 'string' ? p.trim() : p)).filter((p) => p !== '');
};

export class SearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SEARCH_TYPES, default: 'scenario' })
  @IsOptional()
  @IsIn(SEARCH_TYPES)
  type: SearchType = 'scenario';

  @ApiPropertyOptional({ example: '巡检机器人', maxLength: 100, description: '关键词（中文分词，支持同义词，如 人形机器人 ↔ 具身智能机器人）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: [String], example: ['未来智能'], description: '领域，可多选（逗号分隔或重复参数）；浙江“10+X”与宁波九大方向名称互通' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(10)
  @IsDomainName({ each: true })
  domain?: string[];

  @ApiPropertyOptional({ example: '330200', description: '地区代码；城市同时匹配其下辖区县' })
  @IsOptional()
  @IsRegionCode()
  region?: string;

  @ApiPropertyOptional({ enum: SCENARIO_TIERS, description: '仅 type=scenario' })
  @IsOptional()
  @IsIn(SCENARIO_TIERS, { message: oneOf(SCENARIO_TIERS) })
  tier?: string;

  @ApiPropertyOptional({ enum: SCENARIO_STAGES, description: '仅 type=scenario' })
  @IsOptional()
  @IsIn(SCENARIO_STAGES, { message: oneOf(SCENARIO_STAGES) })
  stage?: string;

  @ApiPropertyOptional({ enum: CAPABILITY_KINDS, description: '能力类型，仅 type=capability' })
  @IsOptional()
  @IsIn(CAPABILITY_KINDS, { message: oneOf(CAPABILITY_KINDS) })
  kind?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, description: '技术成熟度下限：能力供给按 TRL，场景需求按最低 TRL 要求' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trlMin?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 9 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(9)
  trlMax?: number;

  @ApiPropertyOptional({ example: 100, description: '预算/报价区间下限（万元）；与条目区间有交集即匹配，面议的条目不参与' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1_000_000_000)
  budgetMin?: number;

  @ApiPropertyOptional({ example: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1_000_000_000)
  budgetMax?: number;

  @ApiPropertyOptional({ type: [String], enum: QUALIFICATIONS, description: '供给方资质（须全部具备），仅 type=capability / organization' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(9)
  @IsIn(QUALIFICATIONS, { each: true, message: oneOf(QUALIFICATIONS) })
  qualification?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: '只看某一已发布清单中的条目' })
  @IsOptional()
  @IsUUID()
  batch?: string;

  @ApiPropertyOptional({ enum: SEARCH_STATUSES, description: '状态；索引中只有公开（已发布）的条目' })
  @IsOptional()
  @IsIn(SEARCH_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: '默认按相关度；deadline 仅 type=scenario' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: SearchSort;
}

export class SearchHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SEARCH_TYPES }) type: SearchType;
  @ApiProperty({ example: '港区智能巡检机器人应用场景' }) title: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: '高亮片段（命中词以 <em></em> 包裹），键为字段名：title、summary、description、name',
    example: { title: '港区智能<em>巡检机器人</em>应用场景' },
  })
  highlight: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '公开的索引文档（不含联系人、草稿、应答等私密字段）' })
  document: Record<string, unknown>;
}

export class SearchResultDto {
  @ApiProperty({ enum: SEARCH_TYPES }) type: SearchType;
  @ApiProperty({ example: '巡检机器人' }) q: string;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
  @ApiProperty() totalPages: number;
  @ApiProperty({ type: [SearchHitDto] }) hits: SearchHitDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
    description: '分面计数：字段 → 取值 → 条数',
    example: { domains: { 具身智能: 3 }, regionCodes: { '330200': 3, '330206': 2 } },
  })
  facets: Record<string, Record<string, number>>;
  @ApiProperty() processingTimeMs: number;
}

export class IndexConsistencyDto {
  @ApiProperty({ enum: ['scenarios', 'capabilities', 'organizations'] }) kind: string;
  @ApiProperty({ description: 'PostgreSQL 中应公开的条数' }) expected: number;
  @ApiProperty({ description: '索引中的条数' }) indexed: number;
  @ApiProperty({ type: [String], description: '应在索引中却缺失' }) missing: string[];
  @ApiProperty({ type: [String], description: '在索引中但已过期' }) stale: string[];
  @ApiProperty({ type: [String], description: '在索引中但已不应公开' }) unexpected: string[];
}

export class ConsistencyReportDto {
  @ApiProperty({ format: 'date-time' }) checkedAt: string;
  @ApiProperty({ description: '所有索引与 PostgreSQL 一致' }) consistent: boolean;
  @ApiProperty({ description: '尚未同步到索引的 outbox 记录数' }) pendingOutbox: number;
  @ApiProperty({ type: [IndexConsistencyDto] }) indexes: IndexConsistencyDto[];
}

export class ReindexJobDto {
  @ApiProperty({ example: 'reindex__1767225600000' }) jobId: string;
  @ApiProperty({ example: 'waiting', description: 'waiting / active / completed / failed / delayed / unknown' }) state: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, nullable: true, description: '完成后各索引重建的文档数' })
  result?: Record<string, number> | null;
  @ApiPropertyOptional({ nullable: true, type: String }) failedReason?: string | null;
}
