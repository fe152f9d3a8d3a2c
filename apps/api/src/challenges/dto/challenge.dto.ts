import { PageQueryDto } from '@app/common';
import { Challenge, CHALLENGE_STATUS_LABELS, CHALLENGE_STATUSES, type ChallengeStatus } from '@app/database';
import { IsDomainName, IsRegionCode, ORGANIZATION_TYPES, QUALIFICATIONS } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ChallengeIndicatorDto {
  @ApiProperty({ example: '室内定位精度' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: '≤5' }) @IsString() @IsNotEmpty() @MaxLength(100) targetValue: string;
  @ApiProperty({ example: 'cm' }) @IsString() @MaxLength(30) unit: string;
  @ApiProperty({ example: '第三方检测机构现场测试' }) @IsString() @IsNotEmpty() @MaxLength(500) verification: string;
}

export class ChallengeEligibilityDto {
  @ApiProperty({ example: ['330200'], description: '牵头单位注册地须在其中之一（含下辖区县）；空数组表示不限' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsRegionCode({ each: true })
  regions: string[];

  @ApiProperty({ example: ['民营企业', '高校'], description: '所有参与单位的类型须在其中；空数组表示不限' })
  @IsArray()
  @IsIn(ORGANIZATION_TYPES as unknown as string[], { each: true })
  organizationTypes: string[];

  @ApiProperty({ example: ['高新技术企业'], description: '牵头单位须持有且当日有效' })
  @IsArray()
  @IsIn(QUALIFICATIONS as unknown as string[], { each: true })
  qualifications: string[];

  @ApiProperty({ example: true }) @IsBoolean() consortiumAllowed: boolean;

  @ApiProperty({ example: 3, description: '单个申报的单位总数上限（含牵头单位）' }) @IsInt() @Min(1) @Max(20) maxMembers: number;
}

export class RecommendationQuotasDto {
  @ApiProperty({ example: 2, description: '每个区县推荐单位可推荐的数量' }) @IsInt() @Min(0) @Max(1000) county: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(1000) city: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(0) @Max(1000) province: number;
}

export class ChallengeRecommendationDto {
  @ApiProperty({ example: true, description: '是否须经推荐单位逐级推荐（区县 → 市 → 省）' }) @IsBoolean() required: boolean;
  @ApiProperty({ type: RecommendationQuotasDto }) @ValidateNested() @Type(() => RecommendationQuotasDto) quotas: RecommendationQuotasDto;
}

export class RubricCriterionDto {
  @ApiProperty({ example: 'tech' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,29}$/, { message: '评分项标识只能包含小写字母、数字、下划线和连字符' })
  key: string;
  @ApiProperty({ example: '技术方案先进性' }) @IsString() @IsNotEmpty() @MaxLength(100) name: string;
  @ApiProperty({ example: 60 }) @IsNumber() @Min(0.01) @Max(1000) weight: number;
}

export class ChallengeAttachmentDto {
  @ApiProperty({ example: '榜单说明.pdf' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'https://files.example.cn/a.pdf' }) @IsOptional() @IsString() @MaxLength(1000) url?: string;
  @ApiPropertyOptional({ example: 102400 }) @IsOptional() @IsInt() @Min(0) sizeBytes?: number;
}

export class CreateChallengeDto {
  @ApiProperty({ example: '港口集装箱无人集卡高精度定位攻关' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ example: '宁波舟山港需要在复杂电磁环境下实现厘米级定位……' }) @IsString() @MaxLength(10000) background: string;
  @ApiProperty({ example: ['具身智能'] }) @IsArray() @ArrayMaxSize(10) @IsDomainName({ each: true }) domains: string[];

  @ApiProperty({ type: [ChallengeIndicatorDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChallengeIndicatorDto)
  indicators: ChallengeIndicatorDto[];

  @ApiProperty({ example: ['样机 1 套', '测试报告'] })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  deliverables: string[];
  @ApiProperty({ example: 500, description: '揭榜奖励/资助金额（万元）' }) @IsNumber() @Min(0) @Max(1e9) awardAmount: number;
  @ApiProperty({ type: ChallengeEligibilityDto })
  @ValidateNested()
  @Type(() => ChallengeEligibilityDto)
  eligibility: ChallengeEligibilityDto;

  @ApiPropertyOptional({ type: ChallengeRecommendationDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChallengeRecommendationDto)
  recommendation?: ChallengeRecommendationDto | null;

  @ApiProperty({ example: '2026-03-01T00:00:00+08:00' }) @IsISO8601({ strict: true }) opensAt: string;
  @ApiProperty({ example: '2026-04-01T00:00:00+08:00' }) @IsISO8601({ strict: true }) closesAt: string;

  @ApiProperty({ example: 5, description: '每份申报的评审专家人数' }) @IsInt() @Min(1) @Max(30) expertsPerApplication: number;

  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  rubric: RubricCriterionDto[];

  @ApiProperty({ example: true, description: '盲审：专家看不到申报单位身份' }) @IsBoolean() blindReview: boolean;
  @ApiProperty({ example: 7, description: '公示天数' }) @IsInt() @Min(1) @Max(60) noticeDays: number;

  @ApiPropertyOptional({ example: 72, description: '里程碑到期前多少小时提醒（可为小数）' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(24 * 90)
  milestoneReminderLeadHours?: number;

  @ApiPropertyOptional({ type: [ChallengeAttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ChallengeAttachmentDto)
  attachments?: ChallengeAttachmentDto[];

  @ApiPropertyOptional({ example: '330200', description: '主办辖区，默认取组织者的管辖区域' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;
}

export class UpdateChallengeDto extends PartialType(CreateChallengeDto) {}

export class ChangeWindowDto {
  @ApiProperty({ example: '2026-03-05T00:00:00+08:00' }) @IsISO8601({ strict: true }) opensAt: string;
  @ApiProperty({ example: '2026-04-05T00:00:00+08:00' }) @IsISO8601({ strict: true }) closesAt: string;
}

export class CommentDto {
  @ApiPropertyOptional({ example: '因预算调整取消' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ListChallengesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CHALLENGE_STATUSES })
  @IsOptional()
  @IsIn(CHALLENGE_STATUSES as unknown as string[])
  status?: ChallengeStatus;
}

export class ChallengeResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() background: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ type: [ChallengeIndicatorDto] }) indicators: ChallengeIndicatorDto[];
  @ApiProperty({ type: [String] }) deliverables: string[];
  @ApiProperty({ description: '万元' }) awardAmount: number;
  @ApiProperty({ type: ChallengeEligibilityDto }) eligibility: ChallengeEligibilityDto;
  @ApiProperty({ type: ChallengeRecommendationDto, nullable: true }) recommendation: ChallengeRecommendationDto | null;
  @ApiProperty() expertsPerApplication: number;
  @ApiProperty({ type: [RubricCriterionDto] }) rubric: RubricCriterionDto[];
  @ApiProperty() blindReview: boolean;
  @ApiProperty() noticeDays: number;
  @ApiProperty() milestoneReminderLeadHours: number;
  @ApiProperty({ type: [ChallengeAttachmentDto] }) attachments: ChallengeAttachmentDto[];
  @ApiProperty() regionCode: string;
  @ApiProperty({ format: 'date-time' }) opensAt: string;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status: ChallengeStatus;
  @ApiProperty({ example: '申报中' }) statusLabel: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeEndsAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeEndedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) winnerApplicationId: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ChallengePageDto {
  @ApiProperty({ type: [ChallengeResponseDto] }) items: ChallengeResponseDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

/** What a list of someone's own applications needs to show of the call. */
export class ChallengeSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: CHALLENGE_STATUSES }) status: ChallengeStatus;
  @ApiProperty({ example: '申报中' }) statusLabel: string;
  @ApiProperty({ description: '万元' }) awardAmount: number;
  @ApiProperty({ format: 'date-time' }) closesAt: string;
  @ApiProperty({ nullable: true, type: String }) winnerApplicationId: string | null;
}

export function toChallengeSummary(c: Challenge): ChallengeSummaryDto {
  return {
    id: c.id,
    title: c.title,
    status: c.status,
    statusLabel: CHALLENGE_STATUS_LABELS[c.status],
    awardAmount: c.awardAmount,
    closesAt: c.closesAt.toISOString(),
    winnerApplicationId: c.winnerApplicationId,
  };
}

export function toChallengeResponse(c: Challenge): ChallengeResponseDto {
  return {
    id: c.id,
    title: c.title,
    background: c.background,
    domains: c.domains,
    indicators: c.indicators,
    deliverables: c.deliverables,
    awardAmount: c.awardAmount,
    eligibility: c.eligibility,
    recommendation: c.recommendation,
    expertsPerApplication: c.expertsPerApplication,
    rubric: c.rubric,
    blindReview: c.blindReview,
    noticeDays: c.noticeDays,
    milestoneReminderLeadHours: c.milestoneReminderLeadHours,
    attachments: c.attachments.map((a) => ({ name: a.name, url: a.url ?? undefined, sizeBytes: a.sizeBytes ?? undefined })),
    regionCode: c.regionCode,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    status: c.status,
    statusLabel: CHALLENGE_STATUS_LABELS[c.status],
    noticeEndsAt: c.noticeEndsAt?.toISOString() ?? null,
    noticeEndedAt: c.noticeEndedAt?.toISOString() ?? null,
    winnerApplicationId: c.winnerApplicationId,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}
