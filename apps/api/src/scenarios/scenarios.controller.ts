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
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import {
  CloseScenarioDto,
  CreateScenarioDto,
  ListScenariosQueryDto,
  ReturnScenarioDto,
  ScenarioCommentBodyDto,
  UpdateScenarioDto,
} from './dto/scenario-request.dto';
import { ScenarioPageDto, ScenarioResponseDto } from './dto/scenario-response.dto';
import { ScenariosService } from './scenarios.service';

const ILLEGAL = { description: '当前状态不允许此操作（响应体 allowed 列出允许的操作）' };

@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @Roles('owner')
  @ApiOperation({ summary: '创建场景需求草稿（场景业主方）' })
  @ApiCreatedResponse({ type: ScenarioResponseDto })
  @ApiForbiddenResponse({ description: '非场景业主方账号' })
  createScenario(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateScenarioDto): Promise<ScenarioResponseDto> {
    return this.scenarios.create(user, dto);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: '场景需求列表',
    description:
      '业主方：本单位全部场景；主办方：辖区内非草稿场景（可按状态筛选，如 status=submitted 为审核队列）；管理员：全部；未登录或 public=true：已发布场景摘要。',
  })
  @ApiOkResponse({ type: ScenarioPageDto })
  listScenarios(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListScenariosQueryDto): Promise<ScenarioPageDto> {
    return this.scenarios.list(user, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: '场景需求详情（分级可见）',
    description: '公众与未认证用户看摘要；已认证且接受保密条款的供给方看全文（记录浏览）；业主方与辖区主办方看全部（含联系方式）。',
  })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiNotFoundResponse({ description: '不存在或无权访问' })
  getScenario(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<ScenarioResponseDto> {
    return this.scenarios.get(user, id);
  }

  @Patch(':id')
  @Roles('owner', 'organizer')
  @ApiOperation({ summary: '修改场景需求（每次修改生成新版本；已发布场景同步更新检索）' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse({ description: '当前状态不可修改，或版本已变化' })
  updateScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateScenarioDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('owner')
  @ApiOperation({ summary: '提交审核（生成需求成熟度自检与疑似重复场景）' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  submitScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScenarioCommentBodyDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.submit(user, id, body);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '退回修改 / 需二次诊断（意见 + 需补充的成熟度条目）' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  returnScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReturnScenarioDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.returnScenario(user, id, body);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '审核通过' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  approveScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScenarioCommentBodyDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.approve(user, id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '发布（进入公开检索）' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  publishScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScenarioCommentBodyDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.publish(user, id, body);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('owner', 'organizer')
  @ApiOperation({ summary: '关闭并登记结果：已落地（选定供给方单位）或未落地（说明原因）' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  closeScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CloseScenarioDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.close(user, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Roles('owner', 'organizer')
  @ApiOperation({ summary: '撤回' })
  @ApiOkResponse({ type: ScenarioResponseDto })
  @ApiConflictResponse(ILLEGAL)
  withdrawScenario(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ScenarioCommentBodyDto,
  ): Promise<ScenarioResponseDto> {
    return this.scenarios.withdraw(user, id, body);
  }
}
