import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ChallengeResponseDto } from './challenge.dto';

export class FileObjectionDto {
  @ApiProperty({ example: '第一名单位的检测报告已过期' }) @IsString() @IsNotEmpty() @MaxLength(4000) content: string;
}

export class AnswerObjectionDto {
  @ApiProperty({ example: '经核查，该报告在有效期内，异议不成立' }) @IsString() @IsNotEmpty() @MaxLength(4000) answer: string;
}

export class ObjectionResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() challengeId: string;
  @ApiProperty() content: string;
  @ApiProperty({ nullable: true, type: String }) answer: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) answeredAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: '是否由当前用户提出' }) mine: boolean;
}

export class ObjectionListDto {
  @ApiProperty({ type: [ObjectionResponseDto] }) items: ObjectionResponseDto[];
  @ApiProperty() unanswered: number;
}

export class ReportProgressDto {
  @ApiProperty({ example: 60, minimum: 0, maximum: 100, description: '完成百分比；100 表示该里程碑已完成' })
  @IsInt()
  @Min(0)
  @Max(100)
  percent: number;
  @ApiProperty({ example: '样机已完成装配，开始联调' }) @IsString() @MaxLength(4000) note: string;
}

export class RescheduleMilestoneDto {
  @ApiProperty({ example: '2026-10-31T00:00:00+08:00' }) @IsISO8601({ strict: true }) dueAt: string;
}

export class MilestoneReportDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty() percent: number;
  @ApiProperty() note: string;
}

export class MilestoneResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() seq: number;
  @ApiProperty() title: string;
  @ApiProperty() deliverable: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ['pending', 'done'] }) status: 'pending' | 'done';
  @ApiProperty() progressPercent: number;
  @ApiProperty({ description: '已过期且未完成' }) overdue: boolean;
  @ApiProperty({ type: [MilestoneReportDto] }) reports: MilestoneReportDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) remindedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
}

export class MilestoneListDto {
  @ApiProperty({ type: [MilestoneResponseDto] }) items: MilestoneResponseDto[];
}

export class AcceptanceVerdictDto {
  @ApiProperty({ example: true }) @IsBoolean() passed: boolean;
  @ApiPropertyOptional({ example: '各项指标均达到榜单要求' }) @IsOptional() @IsString() @MaxLength(4000) comment?: string;
}

export class AcceptanceReviewDto {
  @ApiProperty() expertUserId: string;
  @ApiProperty({ nullable: true, type: Boolean }) passed: boolean | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
}

export class AcceptanceResponseDto {
  @ApiProperty({ type: [AcceptanceReviewDto] }) reviews: AcceptanceReviewDto[];
  @ApiProperty({ example: 'in_progress' }) challengeStatus: string;
  @ApiProperty({ nullable: true, type: Boolean, description: '全部专家给出结论后：过半数通过为 true' }) outcome: boolean | null;
}

/** A call whose acceptance I am an expert for, with my verdict so far. */
export class MyAcceptanceReviewDto {
  @ApiProperty({ type: ChallengeResponseDto }) challenge: ChallengeResponseDto;
  @ApiProperty({ type: AcceptanceReviewDto }) review: AcceptanceReviewDto;
}

export class MyAcceptanceReviewPageDto {
  @ApiProperty({ type: [MyAcceptanceReviewDto] }) items: MyAcceptanceReviewDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}
