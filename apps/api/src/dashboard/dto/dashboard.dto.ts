import { IsRegionCode } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** A bare date (read as Beijing time) or a date-time that says its own offset; local times would be ambiguous. */
const DATE_OR_ZONED_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const DATE_FORMAT_MESSAGE = '格式应为日期 YYYY-MM-DD（按北京时间），或带时区的 ISO 8601 时间，例如 2026-01-01 或 2026-01-01T00:00:00+08:00';

export class DashboardQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: '起始日期（含）。YYYY-MM-DD 按北京时间当天 0 点起算；也可传带时区的 ISO 8601 时间',
  })
  @IsOptional()
  @Matches(DATE_OR_ZONED_TIME, { message: DATE_FORMAT_MESSAGE })
  @IsISO8601({ strict: true }, { message: '不是有效的日期或时间' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: '截止日期。YYYY-MM-DD 含当天（北京时间）；带时间时不含该时刻' })
  @IsOptional()
  @Matches(DATE_OR_ZONED_TIME, { message: DATE_FORMAT_MESSAGE })
  @IsISO8601({ strict: true }, { message: '不是有效的日期或时间' })
  to?: string;

  @ApiPropertyOptional({
    example: '330200',
    description: 'GB/T 2260 行政区划代码（含下级区县）。主办方只能选择管辖范围内的地区，默认整个管辖范围；管理员默认全部',
  })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;
}

export class DashboardCountDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'published',
    description: '分组键：状态值、领域名称、地区代码、分级/阶段名称；null 表示未填写',
  })
  key: string | null;

  @ApiProperty({ example: '已发布', description: '中文名称' })
  label: string;

  @ApiProperty({ example: 12 })
  count: number;
}

export class DashboardBreakdownDto {
  @ApiProperty({ example: 57, description: '范围内的条数（草稿不计入）' })
  total: number;

  @ApiProperty({ type: [DashboardCountDto], description: '按状态（生命周期顺序，含 0）' })
  byStatus: DashboardCountDto[];

  @ApiProperty({ type: [DashboardCountDto], description: '按领域（未来产业领域名称；涉及多个领域的在每个领域各计一次；按数量降序）' })
  byDomain: DashboardCountDto[];

  @ApiProperty({ type: [DashboardCountDto], description: '按地区（见 regionGrouping：市级或区县级；按数量降序）' })
  byRegion: DashboardCountDto[];
}

export class ScenarioBreakdownDto extends DashboardBreakdownDto {
  @ApiProperty({
    type: [DashboardCountDto],
    description: '按场景分级（小切口高价值 / 行业领域集成式 / 综合性重大，含 0；未填写的 key 为 null）',
  })
  byTier: DashboardCountDto[];

  @ApiProperty({ type: [DashboardCountDto], description: '按场景阶段（早期验证 / 融合试验 / 综合推广，含 0；未填写的 key 为 null）' })
  byStage: DashboardCountDto[];
}

export class CapabilityBreakdownDto extends DashboardBreakdownDto {
  @ApiProperty({ type: [DashboardCountDto], description: '按供给类型（技术 / 产品 / 解决方案 / 服务，含 0）' })
  byKind: DashboardCountDto[];
}

export class FunnelStageDto {
  @ApiProperty({ enum: ['suggested', 'interested', 'meeting', 'landed'], example: 'interested' })
  key: 'suggested' | 'interested' | 'meeting' | 'landed';

  @ApiProperty({ example: '有意向' })
  label: string;

  @ApiProperty({ example: 40, description: '到达过该阶段的推荐数（到达后续阶段的也计入前面各阶段）' })
  count: number;
}

export class MatchFunnelDto {
  @ApiProperty({ type: [FunnelStageDto], description: '推荐 → 有意向（任一方感兴趣）→ 洽谈（登记约见）→ 已落地' })
  stages: FunnelStageDto[];

  @ApiProperty({ example: 18, description: '其中双方均感兴趣（可交换联系方式）的推荐数' })
  mutual: number;

  @ApiProperty({ example: 25, description: '当前为“已忽略”的推荐数（含洽谈后登记未落地的）' })
  dismissed: number;

  @ApiProperty({ example: 3, description: '登记为未落地的推荐数' })
  notLanded: number;

  @ApiProperty({
    example: 4,
    description: '以“已落地”关闭的场景需求数（业主方登记的场景结果，按关闭时间筛选；一个场景可能来自多条推荐或推荐之外的对接）',
  })
  landedScenarios: number;
}

export class DashboardHeadlineDto {
  @ApiProperty({ example: 35, description: '发布的场景需求（按发布时间；含此后关闭的）' })
  publishedScenarios: number;

  @ApiProperty({ example: 120, description: '发布的能力供给（按发布时间；含此后归档的）' })
  publishedCapabilities: number;

  @ApiProperty({ example: 3, description: '已举办的场景对接会、路演与体验活动（按首日；已结束，或已发布且已开始）' })
  eventsHeld: number;

  @ApiProperty({ example: 2, description: '发布的揭榜挂帅榜单（按发榜时间；不含已取消的）' })
  challengeCalls: number;

  @ApiProperty({ example: 64, description: '已排定的 1 对 1 洽谈（按洽谈开始时间；不含已取消的）' })
  meetingsScheduled: number;
}

export class DashboardScopeDto {
  @ApiProperty({ nullable: true, type: String, example: '330200', description: '统计范围的地区；null 为全部（仅管理员）' })
  regionCode: string | null;

  @ApiProperty({ example: '宁波市', description: '统计范围的地区名称' })
  regionName: string;

  @ApiProperty({ enum: ['city', 'district'], example: 'district', description: '按地区分布的粒度：省或全部按市，单个市按区县' })
  regionGrouping: 'city' | 'district';

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2025-12-31T16:00:00.000Z', description: '起始时刻（含）' })
  from: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2026-12-31T16:00:00.000Z', description: '截止时刻（不含）' })
  to: string | null;

  @ApiProperty({ format: 'date-time', example: '2026-03-01T08:00:00.000Z' })
  generatedAt: string;
}

export class DashboardResponseDto {
  @ApiProperty({ type: DashboardScopeDto })
  scope: DashboardScopeDto;

  @ApiProperty({ type: DashboardHeadlineDto })
  headline: DashboardHeadlineDto;

  @ApiProperty({ type: ScenarioBreakdownDto, description: '场景需求（按创建时间筛选）' })
  scenarios: ScenarioBreakdownDto;

  @ApiProperty({ type: CapabilityBreakdownDto, description: '能力供给（按创建时间筛选）' })
  capabilities: CapabilityBreakdownDto;

  @ApiProperty({ type: MatchFunnelDto, description: '对接转化漏斗（按推荐生成时间筛选，地区取场景需求所在地）' })
  funnel: MatchFunnelDto;
}
