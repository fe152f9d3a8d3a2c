import { PageQueryDto } from '@app/common';
import { Capability, Organization, OrganizationCase, User } from '@app/database';
import { IsDomainName, IsRegionCode, ORGANIZATION_TYPES, QUALIFICATIONS, regionDisplayName } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { chinaToday, OrganizationSummaryDto, toOrganizationSummary } from './organization-summary.dto';

/** Headcount bands, roughly the 中小企业划型 thresholds; a profile picks one. */
export const ORGANIZATION_SIZES = ['20人以下', '20-99人', '100-299人', '300-999人', '1000人及以上'] as const;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class QualificationInputDto {
  @ApiProperty({ enum: QUALIFICATIONS, example: '高新技术企业' })
  @IsIn(QUALIFICATIONS)
  name: string;

  @ApiPropertyOptional({ example: '2024-12-01', description: '生效日期（YYYY-MM-DD）' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: '日期格式应为 YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({ example: '2027-11-30', description: '有效期至（YYYY-MM-DD）；不填表示长期有效' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: '日期格式应为 YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  validTo?: string | null;
}

export class CaseInputDto {
  @ApiProperty({ example: '宁波舟山港梅山港区重载AGV集群' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ example: '宁波舟山港集团' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  client?: string | null;

  @ApiPropertyOptional({ example: 2025 })
  @IsOptional()
  @IsInt()
  @Min(1949)
  @Max(2100)
  year?: number | null;

  @ApiPropertyOptional({ example: '40台AGV协同作业，集装箱周转效率提升18%' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  summary?: string | null;
}

export class UpdateOrganizationProfileDto {
  @ApiPropertyOptional({ type: [String], example: ['具身智能', '未来智能'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsDomainName({ each: true })
  domains?: string[];

  @ApiPropertyOptional({ type: [QualificationInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => QualificationInputDto)
  qualifications?: QualificationInputDto[];

  @ApiPropertyOptional({ type: [CaseInputDto], description: '已落地案例' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CaseInputDto)
  cases?: CaseInputDto[];

  @ApiPropertyOptional({ enum: ORGANIZATION_SIZES, example: '100-299人' })
  @IsOptional()
  @IsIn(ORGANIZATION_SIZES)
  size?: string | null;

  @ApiPropertyOptional({ example: '专注港口与工厂重载移动机器人的国家高新技术企业。', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;
}

export class ListOrganizationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '单位名称关键词' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @IsOptional()
  @IsIn(ORGANIZATION_TYPES)
  type?: string;

  @ApiPropertyOptional({ example: '330200', description: '所在地（含下级区县）' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ example: '具身智能' })
  @IsOptional()
  @IsDomainName()
  domain?: string;

  @ApiPropertyOptional({ enum: QUALIFICATIONS, description: '持有且今日有效的资质' })
  @IsOptional()
  @IsIn(QUALIFICATIONS)
  qualification?: string;

  @ApiPropertyOptional({ description: '是否已核验' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  verified?: boolean;
}

export class QualificationViewDto {
  @ApiProperty({ example: '高新技术企业' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '2024-12-01' }) validFrom: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-11-30' }) validTo: string | null;
  @ApiProperty({ description: '今日已过有效期' }) expired: boolean;
}

export class CaseViewDto {
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) client: string | null;
  @ApiProperty({ nullable: true, type: Number }) year: number | null;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
}

export class CapabilityBriefDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) kind: string | null;
  @ApiProperty({ nullable: true, type: Number }) trl: number | null;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
}

/** 精准画像: what anyone may see about a supplier. The credit code is public registry data; user contacts never appear. */
export class OrganizationProfileDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANIZATION_TYPES }) type: string;
  @ApiProperty({ nullable: true, type: String, description: '统一社会信用代码（公开登记信息）' }) creditCode: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ type: [String], example: ['supplier'] }) roles: string[];
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ type: [QualificationViewDto] }) qualifications: QualificationViewDto[];
  @ApiProperty({ type: [CaseViewDto] }) cases: CaseViewDto[];
  @ApiProperty() casesCount: number;
  @ApiProperty({ nullable: true, type: String, enum: ORGANIZATION_SIZES }) size: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty() verified: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ type: [CapabilityBriefDto], description: '已发布的能力供给' }) publishedCapabilities: CapabilityBriefDto[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class OrganizationListItemDto extends OrganizationSummaryDto {
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ description: '已发布能力供给数' }) publishedCapabilityCount: number;
}

export class OrganizationPageDto {
  @ApiProperty({ type: [OrganizationListItemDto] }) items: OrganizationListItemDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

/** Visible only to the organization's own accounts and the organizers overseeing it. */
export class OrganizationMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ enum: ['owner', 'supplier', 'organizer', 'expert', 'admin'] }) role: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toQualificationViews(org: Organization, today = chinaToday()): QualificationViewDto[] {
  return org.qualifications.map((q) => ({ name: q.name, validFrom: q.validFrom ?? null, validTo: q.validTo ?? null, expired: !!q.validTo && q.validTo < today }));
}

export function toCaseView(c: OrganizationCase): CaseViewDto {
  return { title: c.title, client: c.client ?? null, year: c.year ?? null, summary: c.summary ?? null };
}

export function toOrganizationProfile(org: Organization, published: Capability[]): OrganizationProfileDto {
  return {
    id: org.id,
    name: org.name,
    type: org.type,
    creditCode: org.creditCode,
    regionCode: org.regionCode,
    regionName: regionDisplayName(org.regionCode),
    roles: org.roles,
    domains: org.domains,
    qualifications: toQualificationViews(org),
    cases: org.cases.map(toCaseView),
    casesCount: org.cases.length,
    size: org.size,
    description: org.description,
    verified: org.verifiedAt !== null,
    verifiedAt: org.verifiedAt?.toISOString() ?? null,
    publishedCapabilities: published.map((c) => ({
      id: c.id,
      title: c.title,
      kind: c.kind,
      trl: c.trl,
      domains: c.domains,
      publishedAt: c.publishedAt?.toISOString() ?? null,
    })),
    updatedAt: org.updatedAt.toISOString(),
  };
}

export function toOrganizationListItem(org: Organization, publishedCapabilityCount: number): OrganizationListItemDto {
  return { ...toOrganizationSummary(org), domains: org.domains, publishedCapabilityCount };
}

export function toOrganizationMember(user: User): OrganizationMemberDto {
  return { id: user.id, displayName: user.displayName, email: user.email, phone: user.phone, role: user.role, createdAt: user.createdAt.toISOString() };
}
