import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { ChallengeExportService } from './challenge-export.service';
import { ChallengesService } from './challenges.service';
import {
  ChallengePageDto,
  ChallengeResponseDto,
  ChangeWindowDto,
  CommentDto,
  CreateChallengeDto,
  ListChallengesQueryDto,
  UpdateChallengeDto,
} from './dto/challenge.dto';
import { ExpertProfileResponseDto, ChallengeRankingDto, UpsertExpertProfileDto } from './dto/review.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges')
export class ChallengesController {
  constructor(
    private readonly challenges: ChallengesService,
    private readonly reviews: ReviewsService,
    private readonly exports: ChallengeExportService,
  ) {}

  // Static paths first: Express matches in declaration order and ':id' would swallow them.
  @Get('expert-profile')
  @Roles('expert')
  @ApiOperation({ summary: '我的专家库信息（领域、职称）' })
  @ApiOkResponse({ type: ExpertProfileResponseDto })
  getExpertProfile(@CurrentUser() user: AuthenticatedUser): Promise<ExpertProfileResponseDto> {
    return this.reviews.getProfile(user);
  }

  @Put('expert-profile')
  @Roles('expert')
  @ApiOperation({ summary: '加入或更新专家库（领域用于评审分配）' })
  @ApiOkResponse({ type: ExpertProfileResponseDto })
  upsertExpertProfile(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpsertExpertProfileDto): Promise<ExpertProfileResponseDto> {
    return this.reviews.upsertProfile(user, dto);
  }

  @Post()
  @Roles('organizer')
  @ApiOperation({ summary: '创建揭榜挂帅榜单（草稿）' })
  @ApiCreatedResponse({ type: ChallengeResponseDto })
  createChallenge(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateChallengeDto): Promise<ChallengeResponseDto> {
    return this.challenges.create(user, dto);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '榜单列表：已发榜的对所有人公开（无需登录），草稿仅主办组织者可见' })
  @ApiOkResponse({ type: ChallengePageDto })
  listChallenges(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListChallengesQueryDto): Promise<ChallengePageDto> {
    return this.challenges.list(user, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: '榜单详情（已发榜的公开）' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  getChallenge(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeResponseDto> {
    return this.challenges.get(user, id);
  }

  @Patch(':id')
  @Roles('organizer')
  @ApiOperation({ summary: '修改草稿榜单' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  updateChallenge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateChallengeDto,
  ): Promise<ChallengeResponseDto> {
    return this.challenges.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '发榜：到开放时间自动开放申报，到截止时间自动截止' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  publishChallenge(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeResponseDto> {
    return this.challenges.publish(user, id);
  }

  @Put(':id/window')
  @Roles('organizer')
  @ApiOperation({ summary: '调整申报开放/截止时间（自动重新安排定时任务）' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  changeChallengeWindow(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ChangeWindowDto,
  ): Promise<ChallengeResponseDto> {
    return this.challenges.changeWindow(user, id, dto);
  }

  @Post(':id/start-review')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '启动专家评审：自动为每份通过形式审查的申报分配专家（回避利益冲突）' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  startChallengeReview(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeResponseDto> {
    return this.reviews.startReview(user, id);
  }

  @Post(':id/publish-notice')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '发布公示：排名与拟揭榜方公示 N 天，期满自动结束' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  publishChallengeNotice(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeResponseDto> {
    return this.challenges.publishNotice(user, id);
  }

  @Get(':id/ranking')
  @Public()
  @ApiOperation({ summary: '评审排名（组织者汇总后可见；公示开始后向社会公开，无需登录）' })
  @ApiOkResponse({ type: ChallengeRankingDto })
  getChallengeRanking(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeRankingDto> {
    return this.reviews.ranking(user, id);
  }

  @Post(':id/award')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '确定揭榜方：公示期满且异议全部答复后；揭榜方的实施计划成为里程碑' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  awardChallenge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CommentDto,
  ): Promise<ChallengeResponseDto> {
    return this.challenges.award(user, id, dto.comment);
  }

  @Post(':id/start-work')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '挂帅：揭榜方牵头单位确认启动攻关' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  startChallengeWork(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ChallengeResponseDto> {
    return this.challenges.startWork(user, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '取消榜单（确定揭榜方之前）' })
  @ApiOkResponse({ type: ChallengeResponseDto })
  cancelChallenge(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CommentDto,
  ): Promise<ChallengeResponseDto> {
    return this.challenges.cancel(user, id, dto.comment);
  }

  @Get(':id/export')
  @Roles('organizer')
  @ApiOperation({ summary: '导出 Excel：榜单信息、申报单位、专家评分、评审结果' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Excel 文件', schema: { type: 'string', format: 'binary' } })
  async exportChallengeExcel(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.exports.export(user, id);
    return new StreamableFile(file.content, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="challenge-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }
}
