import { PageQueryDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { AcceptConfidentialityDto } from './dto/scenario-request.dto';
import { ConfidentialityAcceptanceResponseDto, ScenarioViewerPageDto } from './dto/scenario-response.dto';
import { ScenarioConfidentialityService } from './scenario-confidentiality.service';

@ApiTags('scenarios')
@ApiBearerAuth()
@Controller('scenarios/:id')
export class ScenarioConfidentialityController {
  constructor(private readonly confidentiality: ScenarioConfidentialityService) {}

  @Post('confidentiality-acceptance')
  @HttpCode(200)
  @Roles('supplier')
  @ApiOperation({ summary: '接受场景保密条款（已认证供给方，接受后可查看全文）' })
  @ApiOkResponse({ type: ConfidentialityAcceptanceResponseDto })
  acceptScenarioConfidentiality(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AcceptConfidentialityDto,
  ): Promise<ConfidentialityAcceptanceResponseDto> {
    void dto;
    return this.confidentiality.accept(user, id);
  }

  @Get('viewers')
  @ApiOperation({ summary: '谁在何时查看了场景全文（业主方与主办方）' })
  @ApiOkResponse({ type: ScenarioViewerPageDto })
  listScenarioViewers(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<ScenarioViewerPageDto> {
    return this.confidentiality.viewers(user, id, query);
  }
}
