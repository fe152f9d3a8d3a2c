import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { MergeDuplicateDto, PostScenarioCommentDto, ScenarioCommentBodyDto, VersionDiffQueryDto } from './dto/scenario-request.dto';
import {
  ScenarioCommentResponseDto,
  ScenarioDuplicateDto,
  ScenarioVersionDiffDto,
  ScenarioVersionResponseDto,
} from './dto/scenario-response.dto';
import { ScenarioDuplicatesService } from './scenario-duplicates.service';
import { ScenarioRefinementService } from './scenario-refinement.service';

/** 凝练打磨: thread, versions and duplicates — for the owner organization and the organizers only. */
@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('scenarios/:id')
export class ScenarioRefinementController {
  constructor(
    private readonly refinement: ScenarioRefinementService,
    private readonly duplicates: ScenarioDuplicatesService,
  ) {}

  @Get('comments')
  @ApiOperation({ summary: '凝练打磨意见（业主方与主办方）' })
  @ApiOkResponse({ type: [ScenarioCommentResponseDto] })
  listScenarioComments(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ScenarioCommentResponseDto[]> {
    return this.refinement.listComments(user, id);
  }

  @Post('comments')
  @ApiOperation({ summary: '发表打磨意见' })
  @ApiCreatedResponse({ type: ScenarioCommentResponseDto })
  postScenarioComment(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PostScenarioCommentDto,
  ): Promise<ScenarioCommentResponseDto> {
    return this.refinement.postComment(user, id, dto);
  }

  @Get('versions')
  @ApiOperation({ summary: '版本历史（新版本在前）' })
  @ApiOkResponse({ type: [ScenarioVersionResponseDto] })
  listScenarioVersions(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ScenarioVersionResponseDto[]> {
    return this.refinement.listVersions(user, id);
  }

  @Get('versions/diff')
  @ApiOperation({ summary: '两个版本的逐字段差异（长文本逐词对比）' })
  @ApiOkResponse({ type: ScenarioVersionDiffDto })
  diffScenarioVersions(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: VersionDiffQueryDto,
  ): Promise<ScenarioVersionDiffDto> {
    return this.refinement.diff(user, id, query);
  }

  @Get('duplicates')
  @Roles('organizer')
  @ApiOperation({ summary: '疑似重复场景及相似度（主办方）' })
  @ApiOkResponse({ type: [ScenarioDuplicateDto] })
  listScenarioDuplicates(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ScenarioDuplicateDto[]> {
    return this.duplicates.list(user, id);
  }

  @Post('duplicates/:otherId/link')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '确认关联（相关但各自保留）' })
  @ApiOkResponse({ type: [ScenarioDuplicateDto] })
  linkScenarioDuplicate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('otherId', ParseUUIDPipe) otherId: string,
    @Body() body: ScenarioCommentBodyDto,
  ): Promise<ScenarioDuplicateDto[]> {
    return this.duplicates.link(user, id, otherId, body);
  }

  @Post('duplicates/:otherId/merge')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '合并重复场景：撤回其中一条并指向保留的一条（默认撤回当前场景）' })
  @ApiOkResponse({ type: [ScenarioDuplicateDto] })
  mergeScenarioDuplicate(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('otherId', ParseUUIDPipe) otherId: string,
    @Body() body: MergeDuplicateDto,
  ): Promise<ScenarioDuplicateDto[]> {
    return this.duplicates.merge(user, id, otherId, body);
  }
}
