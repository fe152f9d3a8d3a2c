import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import {
  AcceptanceResponseDto,
  AcceptanceVerdictDto,
  AnswerObjectionDto,
  FileObjectionDto,
  MilestoneListDto,
  MilestoneResponseDto,
  ObjectionListDto,
  ObjectionResponseDto,
  ReportProgressDto,
  RescheduleMilestoneDto,
} from './dto/follow-up.dto';
import { FollowUpService } from './follow-up.service';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/objections')
export class ChallengeObjectionsController {
  constructor(private readonly followUp: FollowUpService) {}

  @Post()
  @ApiOperation({ summary: '公示期内提出异议（任何登录用户）' })
  @ApiCreatedResponse({ type: ObjectionResponseDto })
  fileChallengeObjection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: FileObjectionDto,
  ): Promise<ObjectionResponseDto> {
    return this.followUp.fileObjection(user, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '异议列表：主办方看全部，其他人看本人提出的' })
  @ApiOkResponse({ type: ObjectionListDto })
  listChallengeObjections(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ObjectionListDto> {
    return this.followUp.listObjections(user, id);
  }

  @Post(':objectionId/answer')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '答复异议' })
  @ApiOkResponse({ type: ObjectionResponseDto })
  answerChallengeObjection(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('objectionId', ParseUUIDPipe) objectionId: string,
    @Body() dto: AnswerObjectionDto,
  ): Promise<ObjectionResponseDto> {
    return this.followUp.answerObjection(user, id, objectionId, dto);
  }
}

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/milestones')
export class ChallengeMilestonesController {
  constructor(private readonly followUp: FollowUpService) {}

  @Get()
  @ApiOperation({ summary: '里程碑列表（主办方、揭榜方、验收专家）' })
  @ApiOkResponse({ type: MilestoneListDto })
  listChallengeMilestones(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MilestoneListDto> {
    return this.followUp.listMilestones(user, id);
  }

  @Post(':milestoneId/progress')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '揭榜方报告里程碑进展（100% 表示完成）' })
  @ApiOkResponse({ type: MilestoneResponseDto })
  reportMilestoneProgress(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() dto: ReportProgressDto,
  ): Promise<MilestoneResponseDto> {
    return this.followUp.reportProgress(user, id, milestoneId, dto);
  }

  @Put(':milestoneId/due-date')
  @Roles('organizer')
  @ApiOperation({ summary: '调整里程碑截止日期（重新安排提醒与逾期督办）' })
  @ApiOkResponse({ type: MilestoneResponseDto })
  rescheduleMilestone(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() dto: RescheduleMilestoneDto,
  ): Promise<MilestoneResponseDto> {
    return this.followUp.rescheduleMilestone(user, id, milestoneId, dto);
  }
}

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/acceptance')
export class ChallengeAcceptanceController {
  constructor(private readonly followUp: FollowUpService) {}

  @Get()
  @ApiOperation({ summary: '验收情况' })
  @ApiOkResponse({ type: AcceptanceResponseDto })
  getChallengeAcceptance(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AcceptanceResponseDto> {
    return this.followUp.getAcceptance(user, id);
  }

  @Post()
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '组织验收：里程碑全部完成后分配验收专家' })
  @ApiOkResponse({ type: AcceptanceResponseDto })
  startChallengeAcceptance(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AcceptanceResponseDto> {
    return this.followUp.startAcceptance(user, id);
  }

  @Post('verdict')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: '验收专家给出结论（全部给出后过半数通过即验收通过）' })
  @ApiOkResponse({ type: AcceptanceResponseDto })
  submitAcceptanceVerdict(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptanceVerdictDto,
  ): Promise<AcceptanceResponseDto> {
    return this.followUp.submitVerdict(user, id, dto);
  }
}
