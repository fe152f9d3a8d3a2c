import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { BatchImportService } from './batch-import.service';
import { BatchesService } from './batches.service';
import { AddBatchItemsDto, BatchDetailDto, BatchExportDto, BatchPageDto, CancelBatchDto, CreateBatchDto, ListBatchesQueryDto, StartBatchNoticeDto } from './dto/batch.dto';
import { ImportItemsQueryDto, ImportResultDto } from './dto/import.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** ASCII fallback plus the RFC 5987 UTF-8 name, so browsers save "2026年第一批场景机会清单.xlsx". */
function attachment(fileName: string, fallback: string): string {
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

@ApiTags('batches')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(
    private readonly batches: BatchesService,
    private readonly imports: BatchImportService,
  ) {}

  @Post()
  @Roles('organizer')
  @ApiOperation({ summary: '新建清单（草稿）', description: '主办方在管辖地区内新建场景机会清单或能力供给清单' })
  @ApiCreatedResponse({ type: BatchDetailDto })
  createBatch(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateBatchDto): Promise<BatchDetailDto> {
    return this.batches.create(user, dto);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '清单列表', description: '公众可见公示中和已发布的清单；主办方另可见管辖范围内的草稿与已取消清单' })
  @ApiOkResponse({ type: BatchPageDto })
  listBatches(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListBatchesQueryDto): Promise<BatchPageDto> {
    return this.batches.list(user, query);
  }

  @Post('import')
  @Roles('organizer')
  @HttpCode(201)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 5 * 1024 * 1024, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: '与主办方导出的清单同列的 .xlsx 文件' } } } })
  @ApiOperation({ summary: '从 Excel 导入场景需求或能力供给', description: '逐行校验；默认任何一行有错则全部不导入（422，附逐行错误报告）；partial=true 时只导入无误的行' })
  @ApiCreatedResponse({ type: ImportResultDto })
  @ApiUnprocessableEntityResponse({ description: '有错误行，未写入任何数据；problem+json 的 details 为 ImportResultDto' })
  importBatchItems(@CurrentUser() user: AuthenticatedUser, @Query() query: ImportItemsQueryDto, @UploadedFile() file: Express.Multer.File | undefined): Promise<ImportResultDto> {
    return this.imports.importItems(user, query, file);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: '清单详情（稳定的公开地址）', description: '已发布清单返回发布时冻结的快照及与上一批的差异；草稿仅主办方可见' })
  @ApiOkResponse({ type: BatchDetailDto })
  getBatch(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<BatchDetailDto> {
    return this.batches.detail(user, id);
  }

  @Get(':id/export.xlsx')
  @Public()
  @ApiProduces(XLSX)
  @ApiOperation({ summary: '导出清单为 Excel', description: '公众得到公开列；管辖范围内的主办方得到可重新导入的完整列' })
  @ApiOkResponse({ description: 'Excel 工作簿', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } })
  async exportBatchExcel(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.batches.exportExcel(user, id);
    res.setHeader('Content-Disposition', attachment(file.fileName, `batch-${id}.xlsx`));
    return new StreamableFile(file.content, { type: XLSX });
  }

  @Get(':id/export.json')
  @Public()
  @ApiOperation({ summary: '导出清单为 JSON' })
  @ApiOkResponse({ type: BatchExportDto })
  async exportBatchJson(
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchExportDto> {
    const result = await this.batches.exportJson(user, id);
    res.setHeader('Content-Disposition', attachment(`${result.batch.title}.json`, `batch-${id}.json`));
    return result;
  }

  @Post(':id/items')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: '向草稿清单添加条目', description: '只能添加管辖范围内已审核通过/已核验（或已发布）的条目；重复添加无副作用' })
  @ApiOkResponse({ type: BatchDetailDto })
  addBatchItems(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddBatchItemsDto): Promise<BatchDetailDto> {
    return this.batches.addItems(user, id, dto);
  }

  @Delete(':id/items/:itemId')
  @Roles('organizer')
  @HttpCode(204)
  @ApiOperation({ summary: '从草稿清单移除条目' })
  @ApiNoContentResponse()
  removeBatchItem(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('itemId', ParseUUIDPipe) itemId: string): Promise<void> {
    return this.batches.removeItem(user, id, itemId);
  }

  @Post(':id/notice')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: '清单进入公示', description: '公示期内清单公开可见、条目不可调整；公示期结束后方可正式发布' })
  @ApiOkResponse({ type: BatchDetailDto })
  startBatchNotice(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: StartBatchNoticeDto): Promise<BatchDetailDto> {
    return this.batches.startNotice(user, id, dto);
  }

  @Post(':id/publish')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: '正式发布清单', description: '全部条目转为已发布，冻结快照与差异；之后条目的修改不影响已发布的清单' })
  @ApiOkResponse({ type: BatchDetailDto })
  publishBatch(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<BatchDetailDto> {
    return this.batches.publish(user, id);
  }

  @Post(':id/cancel')
  @Roles('organizer')
  @HttpCode(200)
  @ApiOperation({ summary: '取消清单（草稿或公示中）' })
  @ApiOkResponse({ type: BatchDetailDto })
  cancelBatch(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelBatchDto): Promise<BatchDetailDto> {
    return this.batches.cancel(user, id, dto);
  }
}
