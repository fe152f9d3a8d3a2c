import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import {
  ConflictResponseDto,
  DeclareConflictDto,
  DeclaredConflictListDto,
  ExpertAssignmentListDto,
  ExpertAssignmentResponseDto,
  ReviewOverviewDto,
  SubmitScoresDto,
} from './dto/review.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/reviews')
export class ChallengeReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({ summary: '评审进度：专家分配与评分提交情况' })
  @ApiOkResponse({ type: ReviewOverviewDto })
  getReviewOverview(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewOverviewDto> {
    return this.reviews.overview(user, id);
  }

  @Post('assign')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '补充分配评审专家（如有专家回避）' })
  @ApiOkResponse({ type: ReviewOverviewDto })
  topUpReviewAssignments(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ReviewOverviewDto> {
    return this.reviews.topUpAssignments(user, id);
  }

  @Get('mine')
  @Roles('expert')
  @ApiOperation({ summary: '我的评审任务（盲审时不含申报单位身份）' })
  @ApiOkResponse({ type: ExpertAssignmentListDto })
  listMyReviewAssignments(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ExpertAssignmentListDto> {
    return this.reviews.myAssignments(user, id);
  }

  @Post('conflicts')
  @Roles('expert')
  @ApiOperation({ summary: '申报回避（利益冲突）：针对某份申报或某家单位' })
  @ApiCreatedResponse({ type: ConflictResponseDto })
  declareReviewConflict(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclareConflictDto,
  ): Promise<ConflictResponseDto> {
    return this.reviews.declareConflict(user, id, dto);
  }

  @Get('conflicts')
  @Roles('expert')
  @ApiOperation({ summary: '我申报的回避（盲审时只显示申报编号）' })
  @ApiOkResponse({ type: DeclaredConflictListDto })
  listMyReviewConflicts(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<DeclaredConflictListDto> {
    return this.reviews.myConflicts(user, id);
  }

  @Post(':assignmentId/scores')
  @HttpCode(200)
  @Roles('expert')
  @ApiOperation({ summary: '提交评分（每个评分项的分数与评语）' })
  @ApiOkResponse({ type: ExpertAssignmentResponseDto })
  submitReviewScores(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('assignmentId', ParseUUIDPipe) assignmentId: string,
    @Body() dto: SubmitScoresDto,
  ): Promise<ExpertAssignmentResponseDto> {
    return this.reviews.submitScores(user, id, assignmentId, dto);
  }
}
