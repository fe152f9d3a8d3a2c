import { PageQueryDto } from '@app/common';
import { Capability, MATCH_DISMISS_REASONS, MATCH_STATUSES, Match, MatchDismissReason, MatchStatus, Scenario } from '@app/database';
import { MATCH_STATUS_LABELS, MatchActorSide } from '@app/matching';
import { ownerDisplayName } from '@app/search';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class ListMatchesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCH_STATUSES, description: '只看某一状态' })
  @IsOptional()
  @IsIn(MATCH_STATUSES)
  status?: MatchStatus;

  @ApiPropertyOptional({ description: '包含已忽略的推荐（默认不包含）', default: false })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  includeDismissed?: boolean;
}

export class DismissMatchDto {
  @ApiProperty({ enum: MATCH_DISMISS_REASONS, example: '技术不匹配', description: '忽略原因（固定列表）' })
  @IsIn(MATCH_DISMISS_REASONS, { message: `忽略原因须为以下之一：${MATCH_DISMISS_REASONS.join('、')}` })
  reason: MatchDismissReason;

  @ApiPropertyOptional({ example: '我们需要的是地下 10 米的探测能力', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class RecordMatchOutcomeDto {
  @ApiProperty({ enum: ['landed', 'not_landed'], example: 'landed', description: 'landed 已落地；not_landed 未落地' })
  @IsIn(['landed', 'not_landed'])
  result: 'landed' | 'not_landed';

  @ApiPropertyOptional({ example: '2026 年 5 月签订试点合同，金额 120 万元', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export const MATCH_FEATURE_LABELS: Record<string, string> = {
  phraseOverlap: '需求与供给内容重合度',
  textRetrieval: '检索相关度',
  domainFit: '领域匹配',
  trlFit: '技术成熟度',
  priceFit: '报价与预算',
  regionProximity: '地域邻近',
  supplierStrength: '供给方资质与案例',
  freshness: '发布时效',
};

export class MatchFeatureDto {
  @ApiProperty({ example: 'domainFit' }) name: string;
  @ApiProperty({ example: '领域匹配' }) label: string;
  @ApiProperty({ nullable: true, type: Number, example: 1, description: '0–1；任一方缺少数据时为 null（不加分也不减分）' }) value: number | null;
  @ApiProperty({ example: 0.25, description: '配置中的权重' }) weight: number;
  @ApiProperty({ example: 0.27, description: '对总分的贡献（缺失特征的权重按比例分摊给其余特征）' }) contribution: number;
}

export class MatchScenarioSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '老城区道路下方深层空洞隐患探测' }) title: string;
  @ApiProperty({ example: '某区政府部门', description: '匿名发布时对供给方显示为匿名标签' }) ownerDisplayName: string;
  @ApiProperty({ nullable: true, type: String, example: '330203' }) regionCode: string | null;
  @ApiProperty({ example: 'published' }) status: string;
}

export class MatchCapabilitySummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '深层地下空洞三维探测服务' }) title: string;
  @ApiProperty({ example: '杭州某地球物理科技有限公司' }) supplierName: string;
  @ApiProperty({ nullable: true, type: String, example: '服务' }) kind: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 7 }) trl: number | null;
  @ApiProperty({ example: 'published' }) status: string;
}

export class MatchResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 0.66, description: '匹配度 0–1' }) score: number;
  @ApiProperty({ example: 'v1' }) scoringVersion: string;
  @ApiProperty({ type: [MatchFeatureDto] }) breakdown: MatchFeatureDto[];
  @ApiProperty({ example: "同属具身智能领域；需求'夜间巡检'与供给'四足巡检机器人'内容相关；TRL 7 ≥ 要求 6" }) explanation: string;
  @ApiProperty({ enum: MATCH_STATUSES }) status: MatchStatus;
  @ApiProperty({ example: '系统推荐' }) statusLabel: string;
  @ApiProperty({ description: '需求或供给已不再公开（撤回、关闭、归档）' }) stale: boolean;
  @ApiProperty({ enum: ['owner', 'supplier', 'organizer'], description: '当前用户在此推荐中的身份' }) viewerSide: MatchActorSide;
  @ApiProperty({ type: [String], example: ['ownerInterest', 'dismiss'], description: '当前用户可执行的操作' }) allowedActions: string[];
  @ApiProperty() ownerInterested: boolean;
  @ApiProperty() supplierInterested: boolean;
  @ApiProperty({ nullable: true, type: String, enum: MATCH_DISMISS_REASONS }) dismissReason: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['landed', 'not_landed'] }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) outcomeNote: string | null;
  @ApiProperty({ type: MatchScenarioSummaryDto }) scenario: MatchScenarioSummaryDto;
  @ApiProperty({ type: MatchCapabilitySummaryDto }) capability: MatchCapabilitySummaryDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class MatchPageDto {
  @ApiProperty({ type: [MatchResponseDto] }) items: MatchResponseDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class OwnerContactDto {
  @ApiProperty({ example: '宁波市某三级甲等综合医院' }) organizationName: string;
  @ApiProperty({ nullable: true, type: String, example: '王老师' }) name: string | null;
  @ApiProperty({ nullable: true, type: String, example: '0574-87000000' }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'contact@example.cn' }) email: string | null;
}

export class SupplierContactPersonDto {
  @ApiProperty({ example: '张经理' }) displayName: string;
  @ApiProperty({ example: 'zhang@example.cn' }) email: string;
  @ApiProperty({ nullable: true, type: String, example: '13800000000' }) phone: string | null;
}

export class SupplierContactDto {
  @ApiProperty({ example: '杭州某科技有限公司' }) organizationName: string;
  @ApiProperty({ type: [SupplierContactPersonDto] }) people: SupplierContactPersonDto[];
}

export class MatchContactsDto {
  @ApiProperty() matchId: string;
  @ApiProperty({ type: OwnerContactDto }) owner: OwnerContactDto;
  @ApiProperty({ type: SupplierContactDto }) supplier: SupplierContactDto;
}

export interface MatchView {
  match: Match;
  scenario: Scenario;
  capability: Capability;
  side: MatchActorSide;
}

export function toMatchResponse(view: MatchView, allowedActions: string[]): MatchResponseDto {
  const { match, scenario, capability, side } = view;
  const owner = scenario.organization;
  // The supplier sees what the public sees of an anonymous owner; the owner and organizers see the name.
  const ownerName = owner ? (side === 'supplier' ? ownerDisplayName(scenario, owner) : owner.name) : '某单位';
  return {
    id: match.id,
    score: match.score,
    scoringVersion: match.scoringVersion,
    breakdown: match.breakdown.map((feature) => ({ ...feature, label: MATCH_FEATURE_LABELS[feature.name] ?? feature.name })),
    explanation: match.explanation,
    status: match.status,
    statusLabel: MATCH_STATUS_LABELS[match.status],
    stale: match.staleAt !== null,
    viewerSide: side,
    allowedActions,
    ownerInterested: match.ownerInterestedAt !== null,
    supplierInterested: match.supplierInterestedAt !== null,
    dismissReason: match.dismissReason,
    outcome: match.outcome,
    outcomeNote: match.outcomeNote,
    scenario: { id: scenario.id, title: scenario.title, ownerDisplayName: ownerName, regionCode: scenario.regionCode, status: scenario.status },
    capability: {
      id: capability.id,
      title: capability.title,
      supplierName: capability.organization?.name ?? '',
      kind: capability.kind,
      trl: capability.trl,
      status: capability.status,
    },
    createdAt: match.createdAt.toISOString(),
    updatedAt: match.updatedAt.toISOString(),
  };
}
