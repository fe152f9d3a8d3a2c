import { ResourceNotFound } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { RematchJobDto, RematchRequestDto } from './dto/rematch.dto';
import { RematchService } from './rematch.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller('matches/rematch')
export class RematchController {
  constructor(private readonly rematch: RematchService) {}

  @Post()
  @Roles('admin')
  @HttpCode(202)
  @ApiOperation({
    summary: '全量重新匹配：按当前评分规则重算所有已发布场景的推荐供给',
    description: '后台任务，返回任务编号，可用 GET /matches/rematch/{jobId} 查看进度；已有任务在排队或运行时返回该任务',
  })
  @ApiAcceptedResponse({ type: RematchJobDto })
  @ApiForbiddenResponse({ description: '仅管理员可操作' })
  requestRematch(@CurrentUser() user: AuthenticatedUser, @Body() dto: RematchRequestDto): Promise<RematchJobDto> {
    return this.rematch.request(user.id, dto.retrieve ?? false);
  }

  @Get(':jobId')
  @Roles('admin')
  @ApiOperation({ summary: '查看全量重新匹配任务的进度' })
  @ApiOkResponse({ type: RematchJobDto })
  @ApiNotFoundResponse({ description: '任务不存在' })
  async getRematchJob(@Param('jobId') jobId: string): Promise<RematchJobDto> {
    const status = await this.rematch.status(jobId);
    if (!status) throw new ResourceNotFound('重新匹配任务', jobId);
    return status;
  }
}
