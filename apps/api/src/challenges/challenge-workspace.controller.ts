import { PageQueryDto, ProblemDetailsDto } from '@app/common';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { ApplicationsService } from './applications.service';
import { MyApplicationPageDto } from './dto/application.dto';
import { ListChallengesQueryDto } from './dto/challenge.dto';
import { MyAcceptanceReviewPageDto } from './dto/follow-up.dto';
import { ExpertTaskPageDto } from './dto/review.dto';
import { FollowUpService } from './follow-up.service';
import { ReviewsService } from './reviews.service';

/**
 * One's own work across calls, for the applicant and expert workspaces. The per-call routes stay the
 * authority; these return the same content without one request per call.
 */
@ApiTags('challenges')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: '未登录' })
@Controller('challenges')
export class ChallengeWorkspaceController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly reviews: ReviewsService,
    private readonly followUp: FollowUpService,
  ) {}

  @Get('applications/mine')
  @Roles('supplier', 'owner')
  @ApiOperation({ summary: '本单位参与的揭榜申报（牵头或联合体成员），含榜单名称与状态，分页' })
  @ApiOkResponse({ type: MyApplicationPageDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非能力供给方或场景业主方' })
  listMyChallengeApplications(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<MyApplicationPageDto> {
    return this.applications.listMine(user, query);
  }

  @Get('reviews/mine')
  @Roles('expert')
  @ApiOperation({ summary: '我的评审任务（按榜单分组，盲审时不含申报单位身份），可按榜单状态筛选，分页' })
  @ApiOkResponse({ type: ExpertTaskPageDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非评审专家' })
  listMyReviewTasks(@CurrentUser() user: AuthenticatedUser, @Query() query: ListChallengesQueryDto): Promise<ExpertTaskPageDto> {
    return this.reviews.myTasks(user, query);
  }

  @Get('acceptance/mine')
  @Roles('expert')
  @ApiOperation({ summary: '我参与验收的榜单及我的验收结论，可按榜单状态筛选，分页' })
  @ApiOkResponse({ type: MyAcceptanceReviewPageDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非评审专家' })
  listMyAcceptanceReviews(@CurrentUser() user: AuthenticatedUser, @Query() query: ListChallengesQueryDto): Promise<MyAcceptanceReviewPageDto> {
    return this.followUp.myAcceptanceReviews(user, query);
  }
}
