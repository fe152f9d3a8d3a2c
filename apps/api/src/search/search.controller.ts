import { ResourceNotFound } from '@app/common';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { ConsistencyReportDto, ReindexJobDto, SearchQueryDto, SearchResultDto } from './dto/search.dto';
import { SearchService } from './search.service';

@ApiTags('search')
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '搜索已发布的场景需求、能力供给与供给方',
    description: '中文分词与领域同义词；按领域（浙江/宁波名称互通）、地区（城市含区县）、层级、阶段、TRL、预算、资质、清单、状态筛选；分面计数、高亮、排序与分页',
  })
  @ApiOkResponse({ type: SearchResultDto })
  searchCatalog(@Query() query: SearchQueryDto): Promise<SearchResultDto> {
    return this.search.search(query);
  }

  @Get('consistency')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: '检查索引与 PostgreSQL 的一致性（缺失、过期、多余的文档）' })
  @ApiOkResponse({ type: ConsistencyReportDto })
  checkSearchConsistency(): Promise<ConsistencyReportDto> {
    return this.search.consistency();
  }

  @Post('reindex')
  @Roles('admin')
  @HttpCode(202)
  @ApiBearerAuth()
  @ApiOperation({ summary: '从 PostgreSQL 重建全部索引（新索引建好后原子切换，不中断搜索）', description: '返回后台任务编号，可用 GET /search/reindex/{jobId} 查看进度' })
  @ApiAcceptedResponse({ type: ReindexJobDto })
  reindexSearch(@CurrentUser() user: AuthenticatedUser): Promise<ReindexJobDto> {
    return this.search.reindex(user.id);
  }

  @Get('reindex/:jobId')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOperation({ summary: '查看重建索引任务的状态' })
  @ApiOkResponse({ type: ReindexJobDto })
  async getReindexJob(@Param('jobId') jobId: string): Promise<ReindexJobDto> {
    const status = await this.search.reindexStatus(jobId);
    if (!status) throw new ResourceNotFound('重建索引任务', jobId);
    return status;
  }
}
