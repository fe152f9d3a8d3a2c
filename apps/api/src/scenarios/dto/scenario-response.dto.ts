import {
  Organization,
  READINESS_ITEM_KEYS,
  ReadinessItem,
  Scenario,
  SCENARIO_STATUS_LABELS,
  SCENARIO_STATUSES,
  ScenarioComment,
  ScenarioRefinement,
  ScenarioVersion,
} from '@app/database';
import { ownerDisplayName, summarize } from '@app/search';
import { regionDisplayName } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONFIDENTIALITY_TERMS_VERSION } from './scenario-request.dto';

/**
 * How much of a scenario the caller may see: `summary` (public, unverified suppliers, no terms accepted),
 * `full` (verified supplier who accepted the confidentiality terms: + description, landing conditions,
 * attachments), `private` (owner organization, organizers in jurisdiction, admins: + contact, refinement).
 */
export const DETAIL_LEVELS = ['summary', 'full', 'private'] as const;
export type DetailLevel = (typeof DETAIL_LEVELS)[number];

export const CONFIDENTIALITY_TERMS_TEXT =
  '本人代表所在单位承诺：对本场景需求的完整描述、落地条件及附件内容予以保密，仅用于评估和准备对接方案，' +
  '不向第三方披露或用于其他用途；查看记录将告知场景业主方。';

export class ScenarioOwnerDto {
  @ApiProperty({ example: '宁波某港口集团', description: '匿名发布时对公众显示为「某国有企业」式名称' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: '国有企业' }) type: string | null;
  @ApiProperty() anonymous: boolean;
  @ApiProperty({ nullable: true, type: String, description: '匿名发布时对公众为 null' }) organizationId: string | null;
}

export class ReadinessItemDto {
  @ApiProperty({ enum: READINESS_ITEM_KEYS }) key: string;
  @ApiProperty({ example: '落地条件（场地、数据、配套）' }) label: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: String }) hint: string | null;
}

export class ScenarioContactResponseDto {
  @ApiPropertyOptional({ nullable: true, type: String }) name?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) email?: string | null;
}

export class AttachmentMetaResponseDto {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) size?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) mimeType?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) url?: string | null;
}

export class ScenarioOutcomeDto {
  @ApiProperty({ enum: ['landed', 'not_landed'] }) result: string;
  @ApiProperty({ example: '已落地' }) resultLabel: string;
  @ApiPropertyOptional({ nullable: true, type: String }) supplierOrganizationId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
}

export class ConfidentialityStatusDto {
  @ApiProperty({ example: CONFIDENTIALITY_TERMS_VERSION }) termsVersion: string;
  @ApiProperty() terms: string;
  @ApiProperty({ description: '当前用户是否已接受' }) accepted: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) acceptedAt: string | null;
  @ApiProperty({ description: '当前用户所在单位是否已通过认证' }) organizationVerified: boolean;
}

export class ScenarioResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['summary', 'full', 'private'], description: '可见层级：summary 摘要 / full 全文 / private 业主与主办方' })
  detailLevel: DetailLevel;
  @ApiProperty() title: string;
  @ApiProperty({ description: '描述摘要（前 120 字）' }) summary: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String, example: '宁波市北仑区' }) regionName: string | null;
  @ApiProperty({ nullable: true, type: String }) tier: string | null;
  @ApiProperty({ nullable: true, type: String }) stage: string | null;
  @ApiProperty({ nullable: true, type: Number }) budgetMinWan: number | null;
  @ApiProperty({ nullable: true, type: Number }) budgetMaxWan: number | null;
  @ApiProperty({ description: '预算面议' }) budgetNegotiable: boolean;
  @ApiProperty({ nullable: true, type: Number }) minTrl: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) deadline: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ enum: SCENARIO_STATUSES }) status: string;
  @ApiProperty({ example: '已发布' }) statusLabel: string;
  @ApiProperty({ type: ScenarioOwnerDto }) owner: ScenarioOwnerDto;
  @ApiProperty() anonymous: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '全文：仅 full / private 层级' }) description: string | null;
  @ApiProperty({ nullable: true, type: String, description: '落地条件：仅 full / private 层级' }) landingConditions: string | null;
  @ApiProperty({ nullable: true, type: [AttachmentMetaResponseDto] }) attachments: AttachmentMetaResponseDto[] | null;
  @ApiProperty({ nullable: true, type: ScenarioContactResponseDto, description: '联系方式：仅业主方与主办方' })
  contact: ScenarioContactResponseDto | null;
  @ApiProperty({ nullable: true, type: ScenarioOutcomeDto }) outcome: ScenarioOutcomeDto | null;
  @ApiProperty({ nullable: true, type: [ReadinessItemDto], description: '最近一次提交时的需求成熟度自检（仅 private）' }) readiness:
    ReadinessItemDto[] | null;
  @ApiProperty({ nullable: true, type: String, description: '被合并时保留的场景' }) mergedIntoId: string | null;
  @ApiProperty({ type: [String], description: '当前用户在此状态下可执行的操作', example: ['submit', 'withdraw'] }) allowedActions: string[];
  @ApiProperty({ nullable: true, type: ConfidentialityStatusDto, description: '保密条款（摘要/全文层级的登录用户）' })
  confidentiality: ConfidentialityStatusDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ScenarioPageDto {
  @ApiProperty({ type: [ScenarioResponseDto] }) items: ScenarioResponseDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export interface ScenarioView {
  level: DetailLevel;
  refinement?: ScenarioRefinement | null;
  allowedActions?: string[];
  confidentiality?: ConfidentialityStatusDto | null;
}

const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

export function toScenarioResponse(s: Scenario, view: ScenarioView): ScenarioResponseDto {
  const org = s.organization as Organization;
  const isPrivate = view.level === 'private';
  const showsFull = view.level !== 'summary';
  const hideOwner = s.anonymous && !isPrivate;
  const budgetBlank = s.budgetMinWan === null && s.budgetMaxWan === null;
  return {
    id: s.id,
    detailLevel: view.level,
    title: s.title,
    summary: summarize(s.description),
    domains: s.domains,
    regionCode: s.regionCode,
    regionName: s.regionCode ? regionDisplayName(s.regionCode) : null,
    tier: s.tier,
    stage: s.stage,
    budgetMinWan: s.budgetMinWan,
    budgetMaxWan: s.budgetMaxWan,
    // Publicly, a blank budget reads as 面议 (as in the search index); the owner sees whether 面议 was chosen.
    budgetNegotiable: isPrivate ? (view.refinement?.budgetNegotiable ?? false) && budgetBlank : budgetBlank,
    minTrl: s.minTrl,
    deadline: s.deadline,
    tags: s.tags,
    status: s.status,
    statusLabel: SCENARIO_STATUS_LABELS[s.status],
    owner: {
      name: isPrivate ? org.name : ownerDisplayName(s, org),
      type: org.type,
      anonymous: s.anonymous,
      organizationId: hideOwner ? null : org.id,
    },
    anonymous: s.anonymous,
    version: s.version,
    publishedAt: iso(s.publishedAt),
    description: showsFull ? s.description : null,
    landingConditions: showsFull ? s.landingConditions : null,
    attachments: showsFull ? s.attachments : null,
    contact: isPrivate ? s.contact : null,
    outcome:
      s.outcome && (isPrivate || s.outcome.result === 'landed' || s.status === 'closed')
        ? {
            result: s.outcome.result,
            resultLabel: s.outcome.result === 'landed' ? '已落地' : '未落地',
            supplierOrganizationId: s.outcome.supplierOrganizationId ?? null,
            reason: isPrivate ? (s.outcome.reason ?? null) : null,
          }
        : null,
    readiness: isPrivate ? ((view.refinement?.readiness as ReadinessItem[] | null | undefined) ?? null) : null,
    mergedIntoId: view.refinement?.mergedIntoId ?? null,
    allowedActions: view.allowedActions ?? [],
    confidentiality: view.confidentiality ?? null,
    submittedAt: iso(s.submittedAt),
    closedAt: iso(s.closedAt),
    createdAt: iso(s.createdAt) as string,
    updatedAt: iso(s.updatedAt) as string,
  };
}

export class ScenarioCommentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['comment', 'return'] }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [String], description: '退回时点名的成熟度条目（需二次诊断）' }) items: string[];
  @ApiProperty({ type: [String], description: '条目的中文名称' }) itemLabels: string[];
  @ApiProperty({ nullable: true, type: String }) authorUserId: string | null;
  @ApiProperty({ nullable: true, type: String }) authorName: string | null;
  @ApiProperty({ example: 'organizer' }) authorRole: string;
  @ApiProperty() scenarioVersion: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toScenarioCommentResponse(
  c: ScenarioComment,
  authorName: string | null,
  labels: Record<string, string>,
): ScenarioCommentResponseDto {
  return {
    id: c.id,
    kind: c.kind,
    body: c.body,
    items: c.items,
    itemLabels: c.items.map((k) => labels[k] ?? k),
    authorUserId: c.authorUserId,
    authorName,
    authorRole: c.authorRole,
    scenarioVersion: c.scenarioVersion,
    createdAt: c.createdAt.toISOString(),
  };
}

export class ScenarioVersionResponseDto {
  @ApiProperty() version: number;
  @ApiProperty({ type: [String] }) changedFields: string[];
  @ApiProperty({ nullable: true, type: String }) editedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) editorRole: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '该版本的完整内容' }) snapshot: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export function toScenarioVersionResponse(v: ScenarioVersion, includeContact: boolean): ScenarioVersionResponseDto {
  const snapshot: Record<string, unknown> = { ...v.snapshot };
  if (!includeContact) delete snapshot.contact;
  return {
    version: v.version,
    changedFields: v.changedFields,
    editedBy: v.editedBy,
    editorRole: v.editorRole,
    snapshot,
    createdAt: v.createdAt.toISOString(),
  };
}

export class TextDiffPartDto {
  @ApiProperty({ enum: ['equal', 'insert', 'delete'] }) op: string;
  @ApiProperty() text: string;
}

export class FieldChangeDto {
  @ApiProperty({ example: 'description' }) field: string;
  @ApiProperty({ example: '场景描述' }) label: string;
  @ApiProperty({ nullable: true, description: '修改前的值' }) before: unknown;
  @ApiProperty({ nullable: true, description: '修改后的值' }) after: unknown;
  @ApiProperty({ nullable: true, type: [TextDiffPartDto], description: '长文本的逐词差异' }) textDiff: TextDiffPartDto[] | null;
}

export class ScenarioVersionDiffDto {
  @ApiProperty() scenarioId: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class ConfidentialityAcceptanceResponseDto {
  @ApiProperty() scenarioId: string;
  @ApiProperty() termsVersion: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt: string;
}

export class ScenarioViewerDto {
  @ApiProperty() userId: string;
  @ApiProperty() userName: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ format: 'date-time' }) viewedAt: string;
}

export class ScenarioViewerPageDto {
  @ApiProperty({ type: [ScenarioViewerDto] }) items: ScenarioViewerDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class ScenarioBriefDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: String }) regionName: string | null;
  @ApiProperty() ownerName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
}

export function toScenarioBrief(s: Scenario): ScenarioBriefDto {
  return {
    id: s.id,
    title: s.title,
    status: s.status,
    regionCode: s.regionCode,
    regionName: s.regionCode ? regionDisplayName(s.regionCode) : null,
    ownerName: (s.organization as Organization | undefined)?.name ?? '',
    submittedAt: iso(s.submittedAt),
  };
}

export class ScenarioDuplicateDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: ScenarioBriefDto, description: '相似的另一条场景' }) other: ScenarioBriefDto;
  @ApiProperty({ example: 0.54, description: '相似度 0–1（关键词加权 Jaccard）' }) similarity: number;
  @ApiProperty({ type: [String], example: ['人形机器', '识别表计读数'] }) sharedPhrases: string[];
  @ApiProperty({ enum: ['suggested', 'linked', 'merged'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) mergedIntoId: string | null;
  @ApiProperty({ format: 'date-time' }) detectedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
}
