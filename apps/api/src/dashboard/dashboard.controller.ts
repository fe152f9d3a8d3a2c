import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { DashboardService } from './dashboard.service';
import { DashboardQueryDto, DashboardResponseDto } from './dto/dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({
    summary: '数据看板（主办方：本辖区；管理员：全部）',
    description: [
      '场景需求与能力供给按状态、领域、地区（省或全部按市，单个市按区县）、场景分级与阶段的分布，推荐 → 有意向 → 洽谈 → 已落地的对接转化漏斗，以及几项总数。均由数据库汇总计算。',
      '',
      '时间范围（from / to）按以下时间筛选：',
      '- 分布（scenarios、capabilities）：记录的创建时间；草稿不计入；',
      '- 漏斗（funnel）：推荐生成时间；已落地场景数 landedScenarios：场景关闭时间；',
      '- 总数（headline）：场景需求与能力供给按发布时间，活动按首日开始时间，揭榜挂帅按发榜时间，1 对 1 洽谈按洽谈开始时间。',
      '',
      '地区（regionCode，含下级区县）筛选：场景需求按场景所在地，能力供给按供给所在地，推荐按其场景需求所在地（未填写时取单位所在地），活动、洽谈与榜单按举办地区。',
    ].join('\n'),
  })
  @ApiOkResponse({ type: DashboardResponseDto })
  @ApiBadRequestResponse({ description: '日期或地区代码格式不正确，或截止日期早于起始日期' })
  @ApiForbiddenResponse({ description: '仅主办方与管理员；主办方所选地区须在其管辖范围内' })
  getDashboard(@CurrentUser() user: AuthenticatedUser, @Query() query: DashboardQueryDto): Promise<DashboardResponseDto> {
    return this.dashboard.getDashboard(user, query);
  }
}
