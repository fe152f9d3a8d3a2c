import { ROADSHOW_RUBRIC, RoadshowScore } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { PublishedItemDto } from './registration.dto';

export class PitchOrderItemDto {
  @ApiProperty({ description: '能力供给方的报名编号' })
  @IsUUID()
  registrationId: string;

  @ApiPropertyOptional({ example: '面向化工园区的巡检机器人' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;
}

export class SetPitchOrderDto {
  @ApiProperty({ type: [PitchOrderItemDto], description: '按出场顺序排列；依次占用活动的路演时段' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => PitchOrderItemDto)
  items: PitchOrderItemDto[];
}

const score = () => {
  const decorators = [Type(() => Number), IsInt(), Min(1), Max(10)];
  return (target: object, key: string) => decorators.forEach((d) => d(target, key));
};

export class ScorePitchDto {
  @ApiProperty({ minimum: 1, maximum: 10, example: 8, description: '技术先进性' })
  @score()
  technology: number;

  @ApiProperty({ minimum: 1, maximum: 10, example: 9, description: '场景契合度' })
  @score()
  scenarioFit: number;

  @ApiProperty({ minimum: 1, maximum: 10, example: 7, description: '落地可行性' })
  @score()
  feasibility: number;

  @ApiProperty({ minimum: 1, maximum: 10, example: 8, description: '团队能力' })
  @score()
  team: number;

  @ApiPropertyOptional({ example: '方案成熟，建议先在一个园区试点。' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class PitchResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty() title: string;
  @ApiProperty() registrationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class PitchListDto {
  @ApiProperty({ type: [PitchResponseDto] }) items: PitchResponseDto[];
  @ApiProperty({ example: ROADSHOW_RUBRIC.map((r) => r.label), type: [String], description: '评分维度（各 1–10 分）' }) rubric: string[];
}

export class PitchScoreResponseDto {
  @ApiProperty() pitchId: string;
  @ApiProperty() technology: number;
  @ApiProperty() scenarioFit: number;
  @ApiProperty() feasibility: number;
  @ApiProperty() team: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
}

export function toPitchScoreResponse(s: RoadshowScore): PitchScoreResponseDto {
  return { pitchId: s.pitchId, technology: s.technology, scenarioFit: s.scenarioFit, feasibility: s.feasibility, team: s.team, comment: s.comment };
}

export class MyPitchScoreListDto {
  @ApiProperty({ type: [PitchScoreResponseDto], description: '本人已给出的评分（每个路演一条，可修改）' }) items: PitchScoreResponseDto[];
}

/** A registered supplier the organizer may put on stage, with what the matches say about the audience's interest. */
export class PitchCandidateDto {
  @ApiProperty() registrationId: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationType: string | null;
  @ApiProperty({ type: [PublishedItemDto], description: '该供给方已发布的能力供给' }) capabilities: PublishedItemDto[];
  @ApiProperty({ nullable: true, type: Number, example: 0.82, description: '与已报名业主方（观众）的最高匹配分（0–1）；无匹配为空' }) matchScore: number | null;
  @ApiProperty({ description: '与之有匹配的已报名业主方数' }) matchedOwnerCount: number;
  @ApiProperty({ nullable: true, type: Number, description: '已排入路演时的出场序号' }) pitchPosition: number | null;
}

export class PitchCandidateListDto {
  @ApiProperty({ type: [PitchCandidateDto], description: '有匹配的在前（按匹配分从高到低），其余按报名先后' }) items: PitchCandidateDto[];
}

export class CriterionAverageDto {
  @ApiProperty({ example: '技术先进性' }) label: string;
  @ApiProperty({ example: 8.5 }) average: number;
}

export class RoadshowRankingEntryDto {
  @ApiProperty() rank: number;
  @ApiProperty({ type: PitchResponseDto }) pitch: PitchResponseDto;
  @ApiProperty({ description: '评分人数' }) scoreCount: number;
  @ApiProperty({ description: '四项平均分的平均（1–10）' }) average: number;
  @ApiProperty({ type: [CriterionAverageDto] }) criteria: CriterionAverageDto[];
}

export class RoadshowRankingDto {
  @ApiProperty({ type: [RoadshowRankingEntryDto] }) items: RoadshowRankingEntryDto[];
}
