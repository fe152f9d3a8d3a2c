import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { MyPitchScoreListDto, PitchCandidateListDto, PitchListDto, PitchScoreResponseDto, RoadshowRankingDto, ScorePitchDto, SetPitchOrderDto } from './dto/roadshow.dto';
import { RoadshowService } from './roadshow.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto })
@Controller('events/:id/roadshow')
export class RoadshowController {
  constructor(private readonly roadshow: RoadshowService) {}

  @Put('pitches')
  @Roles('organizer')
  @ApiOperation({ summary: '编排路演顺序（从已报名的能力供给方中选取，依次占用路演时段）' })
  @ApiOkResponse({ type: PitchListDto })
  setPitchOrder(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetPitchOrderDto): Promise<PitchListDto> {
    return this.roadshow.setPitchOrder(user, id, dto);
  }

  @Get('candidates')
  @Roles('organizer')
  @ApiOperation({ summary: '可选路演单位：已报名的能力供给方，与观众（已报名业主方）有匹配的在前' })
  @ApiOkResponse({ type: PitchCandidateListDto })
  listPitchCandidates(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<PitchCandidateListDto> {
    return this.roadshow.pitchCandidates(user, id);
  }

  @Public()
  @Get('pitches')
  @ApiOperation({ summary: '路演顺序与时间' })
  @ApiOkResponse({ type: PitchListDto })
  listPitches(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<PitchListDto> {
    return this.roadshow.listPitches(user, id);
  }

  @Post('pitches/:pitchId/scores')
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({ summary: '观众评分：技术先进性、场景契合度、落地可行性、团队能力（各 1–10 分，可修改）' })
  @ApiOkResponse({ type: PitchScoreResponseDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '只有已报名的场景业主方可以评分' })
  scorePitch(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('pitchId', ParseUUIDPipe) pitchId: string, @Body() dto: ScorePitchDto): Promise<PitchScoreResponseDto> {
    return this.roadshow.scorePitch(user, id, pitchId, dto);
  }

  @Get('scores/mine')
  @Roles('owner')
  @ApiOperation({ summary: '我给出的路演评分' })
  @ApiOkResponse({ type: MyPitchScoreListDto })
  listMyPitchScores(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MyPitchScoreListDto> {
    return this.roadshow.myScores(user, id);
  }

  @Get('ranking')
  @Roles('organizer')
  @ApiOperation({ summary: '路演评分排名（仅主办方可见）' })
  @ApiOkResponse({ type: RoadshowRankingDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '仅主办方可见' })
  getRoadshowRanking(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<RoadshowRankingDto> {
    return this.roadshow.ranking(user, id);
  }
}
