import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { AuditPageDto, ListAuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('organizer')
  @ApiOperation({ summary: '审计日志（主办方：本辖区；管理员：全部）', description: '谁、何时、对哪条记录做了什么，含修改前后。' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiForbiddenResponse({ description: '仅主办方与管理员' })
  listAuditEntries(@CurrentUser() user: AuthenticatedUser, @Query() query: ListAuditQueryDto): Promise<AuditPageDto> {
    return this.audit.list(user, query);
  }
}
