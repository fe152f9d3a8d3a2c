import { PageQueryDto } from '@app/common';
import { LIST_BATCH_KINDS, LIST_BATCH_STATUSES, ListBatch, ListBatchDiff, ListBatchKind, ListBatchSnapshotItem, ListBatchStatus } from '@app/database';
import { IsRegionCode, regionDisplayName } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { BATCH_KIND_LABELS, BATCH_STATUS_LABELS } from '../batch.lifecycle';
import { isRestrictedField } from '../batch-snapshot';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateBatchDto {
  @ApiProperty({ enum: LIST_BATCH_KINDS, example: 'scenario', description: 'scenario：场景机会清单；capability：能力供给清单' })
  @IsIn(LIST_BATCH_KINDS)
  kind: ListBatchKind;

  @ApiProperty({ example: '2026年第一批场景机会清单', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ example: '聚焦具身智能、氢能和绿色燃料等方向的首批场景', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ example: '330200', description: '清单所属地区；默认为主办方的管辖地区，必须在其管辖范围内' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;
}

export class AddBatchItemsDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '已审核通过的场景需求或已核验的能力供给的编号', example: ['0b8e3f9a-4a5b-4c1d-9e2f-123456789abc'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  itemIds: string[];
}

export class StartBatchNoticeDto {
  @ApiProperty({ example: 7, minimum: 1, maximum: 30, description: '公示天数' })
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;
}

export class CancelBatchDto {
  @ApiPropertyOptional({ example: '与第二批合并发布', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListBatchesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: LIST_BATCH_KINDS })
  @IsOptional()
  @IsIn(LIST_BATCH_KINDS)
  kind?: ListBatchKind;

  @ApiPropertyOptional({ example: '330200', description: '地区（含下级区县）' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ enum: LIST_BATCH_STATUSES, description: '草稿与已取消的清单仅主办方（管辖范围内）与管理员可见' })
  @IsOptional()
  @IsIn(LIST_BATCH_STATUSES)
  status?: ListBatchStatus;
}

export class BatchItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '港区智能巡检机器人应用场景' }) title: string;
  @ApiProperty({ description: '公开摘要' }) summary: string;
  @ApiProperty({ nullable: true, type: String, description: '能力供给的描述（公开）；场景需求的完整描述仅主办方可见' }) description: string | null;
  @ApiProperty({ type: [String], example: ['具身智能'] }) domains: string[];
  @ApiProperty({ nullable: true, type: String, example: '330206' }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '宁波市北仑区' }) regionName: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ description: '公开展示的单位名称（匿名发布时为“某国有企业”等）', example: '某国有企业' }) organizationDisplayName: string;
  @ApiProperty({ nullable: true, type: String, example: '国有企业' }) organizationType: string | null;
  @ApiProperty({ nullable: true, type: String, description: '匿名发布的场景对公众为 null' }) organizationId: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) tier?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) stage?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) budgetMinWan?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) budgetMaxWan?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) minTrl?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' }) deadline?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) kind?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) trl?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) priceMinWan?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) priceMaxWan?: number | null;
  @ApiPropertyOptional({ type: [String] }) qualifications?: string[];
  @ApiPropertyOptional({ description: '仅主办方可见：单位真实名称' }) organizationName?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '仅主办方可见' }) organizationCreditCode?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '仅主办方可见' }) landingConditions?: string | null;
  @ApiPropertyOptional({ description: '草稿/公示中的清单：条目当前状态（仅主办方可见）' }) currentStatus?: string;
}

export class BatchFieldChangeDto {
  @ApiProperty({ example: 'budgetMaxWan' }) field: string;
  @ApiProperty({ nullable: true, example: 300 }) before: unknown;
  @ApiProperty({ nullable: true, example: 500 }) after: unknown;
}

export class BatchDiffEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
}

export class BatchChangedEntryDto extends BatchDiffEntryDto {
  @ApiProperty({ type: [BatchFieldChangeDto] }) changes: BatchFieldChangeDto[];
}

export class BatchDiffDto {
  @ApiProperty({ nullable: true, type: String, description: '对比的上一批（同类型、同地区、最近发布）' }) previousBatchId: string | null;
  @ApiProperty({ nullable: true, type: String }) previousTitle: string | null;
  @ApiProperty({ type: [BatchDiffEntryDto] }) added: BatchDiffEntryDto[];
  @ApiProperty({ type: [BatchDiffEntryDto] }) removed: BatchDiffEntryDto[];
  @ApiProperty({ type: [BatchChangedEntryDto] }) changed: BatchChangedEntryDto[];
  @ApiProperty() unchanged: number;
}

export class BatchSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: LIST_BATCH_KINDS }) kind: ListBatchKind;
  @ApiProperty({ example: '场景机会清单' }) kindLabel: string;
  @ApiProperty({ example: '2026年第一批场景机会清单' }) title: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ example: '330200' }) regionCode: string;
  @ApiProperty({ example: '浙江省宁波市' }) regionName: string;
  @ApiProperty({ enum: LIST_BATCH_STATUSES }) status: ListBatchStatus;
  @ApiProperty({ example: '已发布' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: Number }) noticeDays: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeStartedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeEndsAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt: string | null;
  @ApiProperty() itemCount: number;
  @ApiProperty({ example: '/api/v1/batches/0b8e3f9a-4a5b-4c1d-9e2f-123456789abc', description: '稳定的公开地址（发布后不变）' }) publicUrl: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class BatchDetailDto extends BatchSummaryDto {
  @ApiProperty({ type: [BatchItemDto], description: '已发布：发布时冻结的快照；草稿/公示中：当前条目' }) items: BatchItemDto[];
  @ApiProperty({ type: BatchDiffDto, nullable: true, description: '与上一批的差异；已发布的清单为发布时冻结的结果' }) diff: BatchDiffDto | null;
  @ApiProperty({ type: [String], description: '当前用户可执行的操作', example: ['startNotice', 'publish', 'cancel'] }) allowedActions: string[];
}

export class BatchPageDto {
  @ApiProperty({ type: [BatchSummaryDto] }) items: BatchSummaryDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function toBatchSummary(batch: ListBatch, itemCount: number): BatchSummaryDto {
  return {
    id: batch.id,
    kind: batch.kind,
    kindLabel: BATCH_KIND_LABELS[batch.kind],
    title: batch.title,
    description: batch.description,
    regionCode: batch.regionCode,
    regionName: regionDisplayName(batch.regionCode),
    status: batch.status,
    statusLabel: BATCH_STATUS_LABELS[batch.status],
    noticeDays: batch.noticeDays,
    noticeStartedAt: batch.noticeStartedAt?.toISOString() ?? null,
    noticeEndsAt: batch.noticeEndsAt?.toISOString() ?? null,
    publishedAt: batch.publishedAt?.toISOString() ?? null,
    cancelledAt: batch.cancelledAt?.toISOString() ?? null,
    itemCount,
    publicUrl: `/api/v1/batches/${batch.id}`,
    createdAt: batch.createdAt.toISOString(),
  };
}

/** Public readers get the projection; organizers (`full`) also get the restricted fields. */
export function toBatchItem(kind: ListBatchKind, item: ListBatchSnapshotItem, full: boolean, currentStatus?: string): BatchItemDto {
  const dto: BatchItemDto = {
    id: item.id,
    title: item.title,
    summary: item.summary,
    description: full || !isRestrictedField(kind, 'description') ? item.description : null,
    domains: item.domains,
    regionCode: item.regionCode,
    regionName: item.regionCode ? regionDisplayName(item.regionCode) : null,
    tags: item.tags,
    organizationDisplayName: item.displayName,
    organizationType: item.organizationType,
    organizationId: item.anonymous && !full ? null : item.organizationId,
    anonymous: item.anonymous,
  };
  if (kind === 'scenario') {
    Object.assign(dto, { tier: item.tier ?? null, stage: item.stage ?? null, budgetMinWan: item.budgetMinWan ?? null, budgetMaxWan: item.budgetMaxWan ?? null, minTrl: item.minTrl ?? null, deadline: item.deadline ?? null });
  } else {
    Object.assign(dto, { kind: item.kind ?? null, trl: item.trl ?? null, priceMinWan: item.priceMinWan ?? null, priceMaxWan: item.priceMaxWan ?? null, qualifications: item.qualifications ?? [] });
  }
  if (full) {
    dto.organizationName = item.organizationName;
    dto.organizationCreditCode = item.organizationCreditCode;
    if (kind === 'scenario') dto.landingConditions = item.landingConditions ?? null;
    if (currentStatus) dto.currentStatus = currentStatus;
  }
  return dto;
}

export function toBatchDiff(diff: ListBatchDiff | null): BatchDiffDto | null {
  return diff ? { ...diff } : null;
}

export class BatchExportDto {
  @ApiProperty({ type: BatchSummaryDto }) batch: BatchSummaryDto;
  @ApiProperty({ format: 'date-time' }) exportedAt: string;
  @ApiProperty({ description: '是否包含仅主办方可见的字段（完整描述、落地条件、统一社会信用代码）' }) full: boolean;
  @ApiProperty({ type: [BatchItemDto] }) items: BatchItemDto[];
}
