import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user';
import { DismissMatchDto, ListMatchesQueryDto, MatchContactsDto, MatchPageDto, MatchResponseDto, RecordMatchOutcomeDto } from './dto/matches.dto';
import { MatchesService } from './matches.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller()
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get('scenarios/:id/matches')
  @ApiOperation({ summary: '场景需求的推荐供给（需求方、辖区组织方、管理员可见）' })
  @ApiOkResponse({ type: MatchPageDto })
  @ApiNotFoundResponse({ description: '场景不存在或无权查看' })
  listScenarioMatches(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListMatchesQueryDto,
  ): Promise<MatchPageDto> {
    return this.matches.listForScenario(user, id, query);
  }

  @Get('capabilities/:id/matches')
  @ApiOperation({ summary: '能力供给的推荐场景（供给方、辖区组织方、管理员可见）' })
  @ApiOkResponse({ type: MatchPageDto })
  @ApiNotFoundResponse({ description: '能力供给不存在或无权查看' })
  listCapabilityMatches(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListMatchesQueryDto,
  ): Promise<MatchPageDto> {
    return this.matches.listForCapability(user, id, query);
  }

  @Get('matches/:id')
  @ApiOperation({ summary: '一条对接推荐：匹配度、各项特征得分与推荐理由' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiNotFoundResponse({ description: '推荐不存在或无权查看' })
  getMatch(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MatchResponseDto> {
    return this.matches.getMatch(user, id);
  }

  @Post('matches/:id/interest')
  @HttpCode(200)
  @ApiOperation({ summary: '表示感兴趣（双方都感兴趣后可查看联系方式）' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiForbiddenResponse({ description: '组织方不能代表任何一方表示感兴趣' })
  @ApiConflictResponse({ description: '当前状态不允许此操作' })
  expressMatchInterest(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MatchResponseDto> {
    return this.matches.expressInterest(user, id);
  }

  @Post('matches/:id/dismiss')
  @HttpCode(200)
  @ApiOperation({ summary: '忽略推荐（须选择原因）' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiConflictResponse({ description: '当前状态不允许此操作' })
  dismissMatch(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DismissMatchDto): Promise<MatchResponseDto> {
    return this.matches.dismissMatch(user, id, dto);
  }

  @Post('matches/:id/contact')
  @HttpCode(200)
  @ApiOperation({ summary: '查看双方联系方式（仅双方均感兴趣后）' })
  @ApiOkResponse({ type: MatchContactsDto })
  @ApiConflictResponse({ description: '尚未双向感兴趣' })
  revealMatchContacts(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MatchContactsDto> {
    return this.matches.revealContacts(user, id);
  }

  @Post('matches/:id/meeting')
  @HttpCode(200)
  @ApiOperation({ summary: '登记已约见' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiConflictResponse({ description: '当前状态不允许此操作' })
  recordMatchMeeting(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MatchResponseDto> {
    return this.matches.recordMeeting(user, id);
  }

  @Post('matches/:id/outcome')
  @HttpCode(200)
  @ApiOperation({ summary: '登记对接结果（已落地 / 未落地）' })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiConflictResponse({ description: '当前状态不允许此操作' })
  recordMatchOutcome(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecordMatchOutcomeDto): Promise<MatchResponseDto> {
    return this.matches.recordOutcome(user, id, dto);
  }
}
