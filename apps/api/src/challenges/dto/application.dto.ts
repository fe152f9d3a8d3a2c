import { CHALLENGE_APPLICATION_STATUS_LABELS, CHALLENGE_APPLICATION_STATUSES, type ChallengeApplicationStatus } from '@app/database';
import { IsCreditCode } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ChallengeSummaryDto } from './challenge.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class IndicatorResponseDto {
  @ApiProperty({ example: 0, description: '对应榜单指标的序号（从 0 开始）' }) @IsInt() @Min(0) @Max(29) indicatorIndex: number;
  @ApiProperty({ example: '3' }) @IsString() @MaxLength(200) proposedValue: string;
  @ApiProperty({ example: '2025 年第三方检测报告（编号 JC-2025-118）' }) @IsString() @MaxLength(2000) evidence: string;
}

export class PlanStepDto {
  @ApiProperty({ example: '完成样机研制' }) @IsString() @IsNotEmpty() @MaxLength(200) title: string;
  @ApiProperty({ example: '样机 1 套及测试报告' }) @IsString() @MaxLength(1000) deliverable: string;
  @ApiProperty({ example: '2026-09-30T00:00:00+08:00' }) @IsISO8601({ strict: true }) dueAt: string;
}

export class ConsortiumInviteDto {
  @ApiProperty({ example: '91330212MA2H123456', description: '成员单位统一社会信用代码' }) @IsCreditCode() creditCode: string;
}

export class CreateApplicationDto {
  @ApiProperty({ example: '基于 UWB + 视觉融合的港区定位方案' }) @IsString() @MaxLength(10000) summary: string;

  @ApiProperty({ type: [IndicatorResponseDto] })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => IndicatorResponseDto)
  indicatorResponses: IndicatorResponseDto[];

  @ApiProperty({ type: [PlanStepDto], description: '实施计划；中榜后成为里程碑' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PlanStepDto)
  plan: PlanStepDto[];

  @ApiPropertyOptional({ type: [ConsortiumInviteDto], description: '联合体成员单位（各成员须确认）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(19)
  @ValidateNested({ each: true })
  @Type(() => ConsortiumInviteDto)
  members?: ConsortiumInviteDto[];
}

export class UpdateApplicationDto extends PartialType(OmitType(CreateApplicationDto, ['members'] as const)) {}

export class FormalCheckDto {
  @ApiProperty({ example: false }) @IsBoolean() passed: boolean;
  @ApiPropertyOptional({ example: '缺少法人授权书', description: '不通过时必填，申报单位可见' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RecommendApplicationDto {
  @ApiPropertyOptional({ example: '经区科技局审核，同意推荐' }) @IsOptional() @IsString() @MaxLength(2000) comment?: string;
}

export class ApplicationOrganizationDto {
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) creditCode: string | null;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: ['lead', 'member'] }) role: 'lead' | 'member';
  @ApiProperty({ enum: ['invited', 'confirmed', 'declined'] }) status: 'invited' | 'confirmed' | 'declined';
}

export class RecommendationResponseDto {
  @ApiProperty({ enum: ['county', 'city', 'province'] }) level: 'county' | 'city' | 'province';
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApplicationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() challengeId: string;
  @ApiProperty({ example: 'A-003' }) code: string;
  @ApiProperty({ enum: CHALLENGE_APPLICATION_STATUSES }) status: ChallengeApplicationStatus;
  @ApiProperty({ example: '已提交' }) statusLabel: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [IndicatorResponseDto] }) indicatorResponses: IndicatorResponseDto[];
  @ApiProperty({ type: [PlanStepDto] }) plan: PlanStepDto[];
  @ApiProperty({ type: [ApplicationOrganizationDto] }) organizations: ApplicationOrganizationDto[];
  @ApiProperty({ nullable: true, type: String, description: '形式审查不通过的原因' }) formalCheckReason: string | null;
  @ApiProperty({ type: [RecommendationResponseDto] }) recommendations: RecommendationResponseDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApplicationListDto {
  @ApiProperty({ type: [ApplicationResponseDto] }) items: ApplicationResponseDto[];
  @ApiProperty() total: number;
}

/** An application my organization takes part in (as lead or consortium member), with its call. */
export class MyApplicationDto {
  @ApiProperty({ type: ApplicationResponseDto }) application: ApplicationResponseDto;
  @ApiProperty({ type: ChallengeSummaryDto }) challenge: ChallengeSummaryDto;
}

export class MyApplicationPageDto {
  @ApiProperty({ type: [MyApplicationDto] }) items: MyApplicationDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export function applicationCode(seq: number): string {
  return `A-${String(seq).padStart(3, '0')}`;
}

export const applicationStatusLabel = (s: ChallengeApplicationStatus) => CHALLENGE_APPLICATION_STATUS_LABELS[s];
