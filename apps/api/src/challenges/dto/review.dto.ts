import { IsDomainName } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IndicatorResponseDto, PlanStepDto } from './application.dto';
import { ChallengeResponseDto, RubricCriterionDto } from './challenge.dto';

export class UpsertExpertProfileDto {
  @ApiProperty({ example: ['具身智能', '量子科技'] }) @IsArray() @ArrayMaxSize(20) @IsDomainName({ each: true }) domains: string[];
  @ApiPropertyOptional({ example: '教授' }) @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional({ example: true }) @IsOptional() @IsBoolean() active?: boolean;
}

export class ExpertProfileResponseDto {
  @ApiProperty() userId: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty() active: boolean;
}

export class DeclareConflictDto {
  @ApiPropertyOptional({ description: '与某份申报存在利益冲突' }) @IsOptional() @IsUUID() applicationId?: string;
  @ApiPropertyOptional({ description: '与某家单位存在利益冲突（如曾任职、合作）' }) @IsOptional() @IsUUID() organizationId?: string;
  @ApiProperty({ example: '近三年与该单位有合作项目' }) @IsString() @MaxLength(1000) reason: string;
}

export class ConflictResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ description: '因此撤下的评审任务数' }) removedAssignments: number;
}

/** A conflict the expert declared, as they see it again (under blind review only the application code). */
export class DeclaredConflictDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) applicationId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'A-003' }) applicationCode: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DeclaredConflictListDto {
  @ApiProperty({ type: [DeclaredConflictDto] }) items: DeclaredConflictDto[];
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'tech' }) @IsString() @MaxLength(30) criterionKey: string;
  @ApiProperty({ example: 85, minimum: 0, maximum: 100 }) @IsNumber() @Min(0) @Max(100) score: number;
  @ApiProperty({ example: '方案成熟，测试数据充分' }) @IsString() @MaxLength(2000) comment: string;
}

export class SubmitScoresDto {
  @ApiProperty({ type: [CriterionScoreDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CriterionScoreDto)
  scores: CriterionScoreDto[];
}

export class ApplicantIdentityDto {
  @ApiProperty() leadOrganizationName: string;
  @ApiProperty({ type: [String] }) memberOrganizationNames: string[];
}

/** What an expert sees of an application: under blind review nothing that identifies the applicant. */
export class ExpertAssignmentResponseDto {
  @ApiProperty() assignmentId: string;
  @ApiProperty() challengeId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty({ example: 'A-003' }) applicationCode: string;
  @ApiProperty({ type: ApplicantIdentityDto, nullable: true, description: '盲审时为 null' }) applicant: ApplicantIdentityDto | null;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [IndicatorResponseDto] }) indicatorResponses: IndicatorResponseDto[];
  @ApiProperty({ type: [PlanStepDto] }) plan: PlanStepDto[];
  @ApiProperty({ type: [RubricCriterionDto] }) rubric: RubricCriterionDto[];
  @ApiProperty({ type: [CriterionScoreDto], nullable: true }) scores: CriterionScoreDto[] | null;
  @ApiProperty({ nullable: true, type: Number }) weightedTotal: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
}

export class ExpertAssignmentListDto {
  @ApiProperty({ type: [ExpertAssignmentResponseDto] }) items: ExpertAssignmentResponseDto[];
}

/** A call in which I have review assignments or declared conflicts, with both (the expert workspace's list). */
export class ExpertTaskDto {
  @ApiProperty({ type: ChallengeResponseDto }) challenge: ChallengeResponseDto;
  @ApiProperty({ type: [ExpertAssignmentResponseDto] }) assignments: ExpertAssignmentResponseDto[];
  @ApiProperty({ type: [DeclaredConflictDto], description: '我在该榜单申报的回避（盲审时只含申报编号）' }) conflicts: DeclaredConflictDto[];
}

export class ExpertTaskPageDto {
  @ApiProperty({ type: [ExpertTaskDto] }) items: ExpertTaskDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class AssignmentOverviewDto {
  @ApiProperty() assignmentId: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() applicationCode: string;
  @ApiProperty() expertUserId: string;
  @ApiProperty() expertName: string;
  @ApiProperty() submitted: boolean;
  @ApiProperty({ nullable: true, type: Number }) weightedTotal: number | null;
}

export class ReviewOverviewDto {
  @ApiProperty({ type: [AssignmentOverviewDto] }) assignments: AssignmentOverviewDto[];
  @ApiProperty() submitted: number;
  @ApiProperty() total: number;
  @ApiProperty({ description: '全部评分已提交并完成汇总' }) aggregated: boolean;
}

export class ChallengeRankingEntryDto {
  @ApiProperty() rank: number;
  @ApiProperty() applicationId: string;
  @ApiProperty() applicationCode: string;
  @ApiProperty({ description: '牵头单位（联合体另列成员）' }) applicantName: string;
  @ApiProperty({ type: [String] }) memberOrganizationNames: string[];
  @ApiProperty({ example: 84.5 }) finalScore: number;
  @ApiProperty() expertCount: number;
  @ApiProperty({ description: '5 名及以上专家时去掉一个最高分和一个最低分' }) droppedExtremes: boolean;
  @ApiProperty({ description: '权重最高评分项的平均分（并列时的第一排序依据）' }) tieBreakScore: number;
  @ApiProperty() proposedWinner: boolean;
  @ApiPropertyOptional({ type: [Number], description: '各专家加权总分（仅组织者可见）' }) expertTotals?: number[];
}

export class ChallengeRankingDto {
  @ApiProperty({ type: [ChallengeRankingEntryDto] }) items: ChallengeRankingEntryDto[];
  @ApiProperty({ example: '按最终得分从高到低；得分相同时比较权重最高评分项的平均分，再相同时先提交者优先' }) tieBreakRule: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) noticeEndsAt: string | null;
}
