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
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { CapabilitiesService } from './capabilities.service';
import { CapabilityPageDto, CapabilityTransitionDto, CapabilityViewDto, CreateCapabilityDto, ListCapabilitiesQueryDto, UpdateCapabilityDto } from './dto/capability.dto';

@ApiTags('capabilities')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto, description: '不存在或无权查看（不区分）' })
@Controller('capabilities')
export class CapabilitiesController {
  constructor(private readonly capabilities: CapabilitiesService) {}

  @Post()
  @Roles('supplier')
  @ApiOperation({ summary: '登记能力供给（草稿，属于本单位）' })
  @ApiCreatedResponse({ type: CapabilityViewDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非能力供给方账号' })
  createCapability(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateCapabilityDto): Promise<CapabilityViewDto> {
    return this.capabilities.create(user, dto);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: '能力供给列表：公众看已发布的；供给方另见本单位的；主办方另见辖区内的' })
  @ApiOkResponse({ type: CapabilityPageDto })
  listCapabilities(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListCapabilitiesQueryDto): Promise<CapabilityPageDto> {
    return this.capabilities.list(user, query);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: '能力供给详情（含供给方画像摘要）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  getCapability(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<CapabilityViewDto> {
    return this.capabilities.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改能力供给（版本号递增；已发布的修改会同步到检索）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '核验中或已归档，不能修改' })
  updateCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCapabilityDto): Promise<CapabilityViewDto> {
    return this.capabilities.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: '提交核验（供给方）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '当前状态不允许，响应中列出允许的操作' })
  submitCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    return this.capabilities.transition(user, id, 'submit', dto);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回修改（辖区主办方，须填写意见）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  returnCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    return this.capabilities.transition(user, id, 'return', dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @ApiOperation({ summary: '核验通过（辖区主办方）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  verifyCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    return this.capabilities.transition(user, id, 'verify', dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '发布（供给方或辖区主办方；须已核验）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  publishCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    return this.capabilities.transition(user, id, 'publish', dto);
  }

  @Post(':id/archive')
  @HttpCode(200)
  @ApiOperation({ summary: '归档（下架；供给方或辖区主办方）' })
  @ApiOkResponse({ type: CapabilityViewDto })
  @ApiConflictResponse({ type: ProblemDetailsDto })
  archiveCapability(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CapabilityTransitionDto): Promise<CapabilityViewDto> {
    return this.capabilities.transition(user, id, 'archive', dto);
  }
}
