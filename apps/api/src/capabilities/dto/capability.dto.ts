import { PageQueryDto } from '@app/common';
import { AttachmentMeta, Capability, CAPABILITY_STATUS_LABELS, CAPABILITY_STATUSES, CapabilityAction, CapabilityStatus, Organization } from '@app/database';
import { CAPABILITY_KINDS, IsDomainName, IsRegionCode, IsTrl, regionDisplayName } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { OrganizationSummaryDto, toOrganizationSummary } from '../../organizations/dto/organization-summary.dto';
import { AttachmentDto } from '../../attachments/attachment.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCapabilityDto {
  @ApiProperty({ example: '重载AGV自动导引车集群调度系统', maxLength: 80 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  title: string;

  @ApiPropertyOptional({ example: '面向港口与工厂的重载自动导引车及多车协同调度，已在宁波舟山港试运行。', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ type: [String], example: ['具身智能'], description: '未来产业领域（名称或别名）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsDomainName({ each: true })
  domains?: string[];

  @ApiProperty({ enum: CAPABILITY_KINDS, example: '产品' })
  @IsIn(CAPABILITY_KINDS)
  kind: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 9, example: 7, description: '技术成熟度 TRL 1–9' })
  @IsOptional()
  @IsTrl()
  trl?: number | null;

  @ApiPropertyOptional({ example: '330212', description: '供给所在地（GB/T 2260）；不填则取所属单位所在地' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string | null;

  @ApiPropertyOptional({ example: 50, description: '报价下限（万元）；上下限都不填表示面议' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e10)
  priceMinWan?: number | null;

  @ApiPropertyOptional({ example: 300, description: '报价上限（万元）' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e10)
  priceMaxWan?: number | null;

  @ApiPropertyOptional({ type: [String], example: ['AGV', '港口物流'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(30, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];
}

/** Omitted fields stay as they are; `null` clears optional ones (region falls back to the supplier's). */
export class UpdateCapabilityDto extends PartialType(CreateCapabilityDto) {}

export class CapabilityTransitionDto {
  @ApiPropertyOptional({ example: '请补充典型应用案例与第三方检测报告', description: '意见（退回时必填）' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  comment?: string;
}

export class ListCapabilitiesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CAPABILITY_STATUSES })
  @IsOptional()
  @IsIn(CAPABILITY_STATUSES)
  status?: CapabilityStatus;

  @ApiPropertyOptional({ description: '只看某供给方单位' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ example: '具身智能' })
  @IsOptional()
  @IsDomainName()
  domain?: string;

  @ApiPropertyOptional({ example: '330200', description: '所在地（含下级区县）' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ description: '标题关键词（全文检索请用 /api/v1/search）' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ description: '只看本单位的能力供给' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  mine?: boolean;
}

export class CapabilityViewDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ nullable: true, type: String, enum: CAPABILITY_KINDS }) kind: string | null;
  @ApiProperty({ nullable: true, type: Number }) trl: number | null;
  @ApiProperty({ example: '330212' }) regionCode: string;
  @ApiProperty({ example: '宁波市鄞州区' }) regionName: string;
  @ApiProperty({ nullable: true, type: Number }) priceMinWan: number | null;
  @ApiProperty({ nullable: true, type: Number }) priceMaxWan: number | null;
  @ApiProperty({ description: '报价面议（未填上下限）' }) priceNegotiable: boolean;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [AttachmentDto] }) attachments: AttachmentMeta[];
  @ApiProperty({ enum: CAPABILITY_STATUSES }) status: CapabilityStatus;
  @ApiProperty({ example: '已发布' }) statusLabel: string;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: OrganizationSummaryDto, description: '供给方画像摘要' }) organization: OrganizationSummaryDto;
  @ApiProperty({ type: [String], example: ['publish', 'archive'], description: '当前账号此刻可执行的操作' }) allowedActions: CapabilityAction[];
}

export class CapabilityPageDto {
  @ApiProperty({ type: [CapabilityViewDto] }) items: CapabilityViewDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function toCapabilityView(capability: Capability, supplier: Organization, allowedActions: CapabilityAction[]): CapabilityViewDto {
  const regionCode = capability.regionCode ?? supplier.regionCode;
  return {
    id: capability.id,
    title: capability.title,
    description: capability.description,
    domains: capability.domains,
    kind: capability.kind,
    trl: capability.trl,
    regionCode,
    regionName: regionDisplayName(regionCode),
    priceMinWan: capability.priceMinWan,
    priceMaxWan: capability.priceMaxWan,
    priceNegotiable: capability.priceMinWan === null && capability.priceMaxWan === null,
    tags: capability.tags,
    attachments: capability.attachments,
    status: capability.status,
    statusLabel: CAPABILITY_STATUS_LABELS[capability.status],
    version: capability.version,
    submittedAt: capability.submittedAt?.toISOString() ?? null,
    publishedAt: capability.publishedAt?.toISOString() ?? null,
    createdAt: capability.createdAt.toISOString(),
    updatedAt: capability.updatedAt.toISOString(),
    organization: toOrganizationSummary(supplier),
    allowedActions,
  };
}
