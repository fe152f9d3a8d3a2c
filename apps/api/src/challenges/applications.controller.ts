import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { ApplicationsService } from './applications.service';
import {
  ApplicationListDto,
  ApplicationResponseDto,
  CreateApplicationDto,
  FormalCheckDto,
  RecommendApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto';

@ApiTags('challenges')
@ApiBearerAuth()
@Controller('challenges/:id/applications')
export class ChallengeApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Roles('supplier')
  @ApiOperation({ summary: '揭榜申报（草稿）：单独申报或组建联合体（邀请成员单位）' })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  createChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CreateApplicationDto,
  ): Promise<ApplicationResponseDto> {
    return this.applications.create(user, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '申报列表：主办方看全部，推荐单位看本辖区的，申报单位看本单位参与的' })
  @ApiOkResponse({ type: ApplicationListDto })
  listChallengeApplications(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationListDto> {
    return this.applications.list(user, id);
  }

  @Get(':applicationId')
  @ApiOperation({ summary: '申报详情' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  getChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationResponseDto> {
    return this.applications.get(user, id, applicationId);
  }

  @Patch(':applicationId')
  @Roles('supplier')
  @ApiOperation({ summary: '修改申报草稿（指标响应、实施计划）' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  updateChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() dto: UpdateApplicationDto,
  ): Promise<ApplicationResponseDto> {
    return this.applications.update(user, id, applicationId, dto);
  }

  @Post(':applicationId/confirm')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '联合体成员单位确认参与' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  confirmConsortiumMembership(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationResponseDto> {
    return this.applications.respondToInvite(user, id, applicationId, true);
  }

  @Post(':applicationId/decline')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '联合体成员单位拒绝参与' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  declineConsortiumMembership(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationResponseDto> {
    return this.applications.respondToInvite(user, id, applicationId, false);
  }

  @Post(':applicationId/submit')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '提交申报：校验申报条件（不符合时指明条款）与截止时间' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  submitChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationResponseDto> {
    return this.applications.submit(user, id, applicationId);
  }

  @Post(':applicationId/withdraw')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '撤回申报（截止前）' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  withdrawChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
  ): Promise<ApplicationResponseDto> {
    return this.applications.withdraw(user, id, applicationId);
  }

  @Post(':applicationId/recommend')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '推荐单位推荐（区县 → 市 → 省逐级，受名额限制）' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  recommendChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() dto: RecommendApplicationDto,
  ): Promise<ApplicationResponseDto> {
    return this.applications.recommend(user, id, applicationId, dto);
  }

  @Post(':applicationId/formal-check')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '形式审查：通过，或不通过并说明原因（申报单位可见）' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  formalCheckChallengeApplication(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('applicationId', ParseUUIDPipe) applicationId: string,
    @Body() dto: FormalCheckDto,
  ): Promise<ApplicationResponseDto> {
    return this.applications.formalCheck(user, id, applicationId, dto);
  }
}
