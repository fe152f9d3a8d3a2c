import { PageQueryDto } from '@app/common';
import { AttachmentDto } from '../../attachments/attachment.dto';
import { READINESS_ITEM_KEYS, ReadinessItemKey, SCENARIO_STATUSES, ScenarioStatus } from '@app/database';
import { IsDomainName, IsRegionCode, IsTrl, SCENARIO_STAGES, SCENARIO_TIERS } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/** Present in the body (null included): PATCH must tell "leave as is" from "clear". */
const IsPresent = () => ValidateIf((_: unknown, value: unknown) => value !== undefined);

export class ScenarioContactDto {
  @ApiPropertyOptional({ example: '张工', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  name?: string | null;

  @ApiPropertyOptional({ example: '0574-87000000', nullable: true, type: String })
  @IsOptional()
  @Matches(/^[0-9+\-() ]{5,30}$/, { message: '电话号码格式不正确' })
  phone?: string | null;

  @ApiPropertyOptional({ example: 'zhang@example.cn', nullable: true, type: String })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}


/** Fields shared by create and update; on update every field is optional and `null` clears a nullable one. */
export class CreateScenarioDto {
  @ApiProperty({ example: '变电站人形机器人智能巡检', maxLength: 80 })
  @IsString()
  @Length(1, 80)
  title: string;

  @ApiPropertyOptional({
    example: '现状：220kV 变电站夜间巡检依赖人工。核心需求：人形机器人自主巡检，识别表计读数和设备发热缺陷。',
    description: '完整描述（问题、现状、核心需求）；仅已认证且接受保密条款的供给方可见全文',
    maxLength: 10000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ example: ['具身智能'], type: [String], description: '未来产业领域名称（可用别名，保存为标准名）' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsDomainName({ each: true })
  domains: string[];

  @ApiProperty({ example: '330212', description: 'GB/T 2260 行政区划代码' })
  @IsRegionCode()
  regionCode: string;

  @ApiPropertyOptional({ enum: SCENARIO_TIERS, nullable: true, example: '小切口高价值场景' })
  @IsOptional()
  @IsIn(SCENARIO_TIERS)
  tier?: string | null;

  @ApiPropertyOptional({ enum: SCENARIO_STAGES, nullable: true, example: '早期验证场景' })
  @IsOptional()
  @IsIn(SCENARIO_STAGES)
  stage?: string | null;

  @ApiPropertyOptional({ example: 100, nullable: true, type: Number, description: '预算下限（万元）' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000000)
  budgetMinWan?: number | null;

  @ApiPropertyOptional({ example: 300, nullable: true, type: Number, description: '预算上限（万元）' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000000)
  budgetMaxWan?: number | null;

  @ApiPropertyOptional({ example: false, description: '预算「面议」（此时不填预算区间）' })
  @IsOptional()
  @IsBoolean()
  budgetNegotiable?: boolean;

  @ApiPropertyOptional({ example: 6, nullable: true, type: Number, minimum: 1, maximum: 9, description: '期望最低技术成熟度 TRL' })
  @IsOptional()
  @IsTrl()
  minTrl?: number | null;

  @ApiPropertyOptional({ example: '2027-03-31', nullable: true, type: String, format: 'date', description: '征集截止日期' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  deadline?: string | null;

  @ApiPropertyOptional({ example: ['巡检机器人', '变电站'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: '提供 2 座变电站作为试点，开放历史巡检数据。', nullable: true, type: String, maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  landingConditions?: string | null;

  @ApiPropertyOptional({ type: ScenarioContactDto, nullable: true, description: '联系方式（不公开）' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScenarioContactDto)
  contact?: ScenarioContactDto | null;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional({ example: false, description: '匿名发布：公众只看到「某国有企业」式名称' })
  @IsOptional()
  @IsBoolean()
  anonymous?: boolean;
}

/** Every field optional; `null` clears a nullable field. Non-nullable fields reject `null`. */
export class UpdateScenarioDto {
  @ApiPropertyOptional({ example: '变电站人形机器人全天候巡检', maxLength: 80 })
  @IsPresent()
  @IsString()
  @Length(1, 80)
  title?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsPresent()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ example: ['具身智能'], type: [String] })
  @IsPresent()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsDomainName({ each: true })
  domains?: string[];

  @ApiPropertyOptional({ example: '330212' })
  @IsPresent()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ enum: SCENARIO_TIERS, nullable: true })
  @IsOptional()
  @IsIn(SCENARIO_TIERS)
  tier?: string | null;

  @ApiPropertyOptional({ enum: SCENARIO_STAGES, nullable: true })
  @IsOptional()
  @IsIn(SCENARIO_STAGES)
  stage?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000000)
  budgetMinWan?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100000000)
  budgetMaxWan?: number | null;

  @ApiPropertyOptional()
  @IsPresent()
  @IsBoolean()
  budgetNegotiable?: boolean;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 1, maximum: 9 })
  @IsOptional()
  @IsTrl()
  minTrl?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  deadline?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 20, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  landingConditions?: string | null;

  @ApiPropertyOptional({ type: ScenarioContactDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScenarioContactDto)
  contact?: ScenarioContactDto | null;

  @ApiPropertyOptional({ type: [AttachmentDto] })
  @IsPresent()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttachmentDto)
  attachments?: AttachmentDto[];

  @ApiPropertyOptional()
  @IsPresent()
  @IsBoolean()
  anonymous?: boolean;

  @ApiPropertyOptional({ example: 3, description: '基于的版本号；与当前版本不一致时返回 409（防止覆盖他人修改）' })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number;
}

const toList = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);
const toBool = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class ListScenariosQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: '按状态筛选（逗号分隔），如 submitted 为审核队列',
    example: 'submitted',
    enum: SCENARIO_STATUSES,
    isArray: true,
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(SCENARIO_STATUSES, { each: true })
  status?: ScenarioStatus[];

  @ApiPropertyOptional({ description: '只看公开发布的场景（无需登录）' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  public?: boolean;

  @ApiPropertyOptional({ description: '地区（含下级区县）', example: '330200' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ description: '标题包含', example: '巡检' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class ScenarioCommentBodyDto {
  @ApiPropertyOptional({ example: '请补充试点站点数量和可开放的数据范围。', nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string | null;
}

export class ReturnScenarioDto {
  @ApiProperty({ example: '需二次诊断：落地条件和预算尚不明确。', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @Length(1, 2000)
  comment: string;

  @ApiPropertyOptional({
    enum: READINESS_ITEM_KEYS,
    isArray: true,
    example: ['landing_conditions', 'budget'],
    description: '需二次诊断的成熟度条目',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(READINESS_ITEM_KEYS, { each: true })
  items?: ReadinessItemKey[];
}

export const OUTCOME_RESULTS = ['landed', 'not_landed'] as const;

export class CloseScenarioDto {
  @ApiProperty({
    enum: OUTCOME_RESULTS,
    example: 'landed',
    description: 'landed = 已落地（须选定供给方单位）；not_landed = 未落地（须说明原因）',
  })
  @IsIn(OUTCOME_RESULTS)
  result: (typeof OUTCOME_RESULTS)[number];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: '已落地时：承接的供给方单位' })
  @ValidateIf((o: CloseScenarioDto) => o.result === 'landed')
  @IsUUID()
  supplierOrganizationId?: string | null;

  @ApiPropertyOptional({ example: '预算调整，项目暂缓', nullable: true, type: String })
  @ValidateIf((o: CloseScenarioDto) => o.result === 'not_landed')
  @IsString()
  @Length(1, 500)
  reason?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string | null;
}

export class PostScenarioCommentDto {
  @ApiProperty({ example: '核心需求里的识别准确率指标请给出具体数值。', maxLength: 2000 })
  @IsString()
  @IsNotEmpty()
  @Length(1, 2000)
  body: string;
}

export class VersionDiffQueryDto {
  @ApiProperty({ example: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export const CONFIDENTIALITY_TERMS_VERSION = '2026-01';

export class AcceptConfidentialityDto {
  @ApiProperty({ example: CONFIDENTIALITY_TERMS_VERSION, description: '所接受的保密条款版本（须为当前版本）' })
  @IsString()
  @Equals(CONFIDENTIALITY_TERMS_VERSION, { message: `保密条款版本已更新，请阅读并接受当前版本（${CONFIDENTIALITY_TERMS_VERSION}）` })
  termsVersion: string;
}

export const MERGE_KEEP = ['other', 'this'] as const;

export class MergeDuplicateDto {
  @ApiPropertyOptional({
    enum: MERGE_KEEP,
    default: 'other',
    description: 'other：保留已有场景、撤回当前场景；this：保留当前场景、撤回另一条',
  })
  @IsOptional()
  @IsIn(MERGE_KEEP)
  keep?: (typeof MERGE_KEEP)[number];

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string | null;
}
