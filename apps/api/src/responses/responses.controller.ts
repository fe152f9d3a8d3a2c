import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { CreateResponseDto, ListResponsesQueryDto, ResponseDecisionDto, ResponsePageDto, ResponseViewDto, UpdateResponseDto } from './dto/response.dto';
import { ResponsesService } from './responses.service';

/** Responses (bids) are never public: owners see all to their scenario, a supplier only its own. */
@ApiTags('responses')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: '需要登录' })
@ApiNotFoundResponse({ type: ProblemDetailsDto, description: '不存在或无权查看（不区分）' })
@Controller('scenarios/:scenarioId/responses')
export class ScenarioResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Post()
  @Roles('supplier')
  @ApiOperation({ summary: '响应已发布的场景需求（每个供给方单位对每个场景同时只有一份有效响应）' })
  @ApiCreatedResponse({ type: ResponseViewDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '已有有效响应，或场景已关闭' })
  createResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Body() dto: CreateResponseDto,
  ): Promise<ResponseViewDto> {
    return this.responses.create(user, scenarioId, dto);
  }

  @Get()
  @ApiOperation({ summary: '场景的响应列表：业主方与辖区主办方看全部，供给方只看本单位的' })
  @ApiOkResponse({ type: ResponsePageDto })
  listScenarioResponses(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Query() query: ListResponsesQueryDto,
  ): Promise<ResponsePageDto> {
    return this.responses.listForScenario(user, scenarioId, query);
  }

  @Get(':responseId')
  @ApiOperation({ summary: '响应详情' })
  @ApiOkResponse({ type: ResponseViewDto })
  getResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
  ): Promise<ResponseViewDto> {
    return this.responses.get(user, scenarioId, responseId);
  }

  @Patch(':responseId')
  @ApiOperation({ summary: '修改响应（仅在业主方入围前）' })
  @ApiOkResponse({ type: ResponseViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '已入围或已决定，不能再修改' })
  updateResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
    @Body() dto: UpdateResponseDto,
  ): Promise<ResponseViewDto> {
    return this.responses.update(user, scenarioId, responseId, dto);
  }

  @Post(':responseId/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: '撤回响应（供给方）' })
  @ApiOkResponse({ type: ResponseViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  withdrawResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
  ): Promise<ResponseViewDto> {
    return this.responses.transition(user, scenarioId, responseId, 'withdraw', {});
  }

  @Post(':responseId/shortlist')
  @HttpCode(200)
  @ApiOperation({ summary: '入围（业主方）' })
  @ApiOkResponse({ type: ResponseViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  shortlistResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
    @Body() dto: ResponseDecisionDto,
  ): Promise<ResponseViewDto> {
    return this.responses.transition(user, scenarioId, responseId, 'shortlist', dto);
  }

  @Post(':responseId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '采纳（业主方；须先入围；不会自动关闭场景）' })
  @ApiOkResponse({ type: ResponseViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  acceptResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
    @Body() dto: ResponseDecisionDto,
  ): Promise<ResponseViewDto> {
    return this.responses.transition(user, scenarioId, responseId, 'accept', dto);
  }

  @Post(':responseId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予采纳（业主方）' })
  @ApiOkResponse({ type: ResponseViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  rejectResponse(
    @CurrentUser() user: AuthenticatedUser,
    @Param('scenarioId', ParseUUIDPipe) scenarioId: string,
    @Param('responseId', ParseUUIDPipe) responseId: string,
    @Body() dto: ResponseDecisionDto,
  ): Promise<ResponseViewDto> {
    return this.responses.transition(user, scenarioId, responseId, 'reject', dto);
  }
}

@ApiTags('responses')
@ApiBearerAuth()
@Controller('responses')
export class MyResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Get()
  @Roles('supplier')
  @ApiOperation({ summary: '本单位提交的全部响应（供给方）' })
  @ApiOkResponse({ type: ResponsePageDto })
  listMyResponses(@CurrentUser() user: AuthenticatedUser, @Query() query: ListResponsesQueryDto): Promise<ResponsePageDto> {
    return this.responses.listMine(user, query);
  }
}
