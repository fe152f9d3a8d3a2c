import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import {
  ListOrganizationsQueryDto,
  OrganizationMemberDto,
  OrganizationPageDto,
  OrganizationProfileDto,
  UpdateOrganizationProfileDto,
} from './dto/organization.dto';
import { VerifyOrganizationDto } from './dto/verify-organization.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto, description: '不存在或无权查看（不区分）' })
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Public()
  @Get()
  @ApiOperation({ summary: '单位列表：公众看有已发布能力供给的供给方；主办方另见辖区内全部单位' })
  @ApiOkResponse({ type: OrganizationPageDto })
  listOrganizations(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListOrganizationsQueryDto): Promise<OrganizationPageDto> {
    return this.organizations.list(user, query);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: '单位画像（精准画像）：领域、资质及有效期、已落地案例、规模、已发布能力供给；不含联系人' })
  @ApiOkResponse({ type: OrganizationProfileDto })
  getOrganization(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<OrganizationProfileDto> {
    return this.organizations.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改本单位画像（领域、资质、案例、规模、简介）' })
  @ApiOkResponse({ type: OrganizationProfileDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto })
  updateOrganizationProfile(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganizationProfileDto,
  ): Promise<OrganizationProfileDto> {
    return this.organizations.updateProfile(user, id, dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '核验单位（辖区主办方）' })
  @ApiOkResponse({ type: OrganizationProfileDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '已核验' })
  verifyOrganization(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VerifyOrganizationDto): Promise<OrganizationProfileDto> {
    return this.organizations.verify(user, id, dto?.comment);
  }

  @Get(':id/members')
  @ApiOperation({ summary: '单位账号列表（仅本单位账号与辖区主办方可见）' })
  @ApiOkResponse({ type: [OrganizationMemberDto] })
  listOrganizationMembers(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<OrganizationMemberDto[]> {
    return this.organizations.members(user, id);
  }
}
