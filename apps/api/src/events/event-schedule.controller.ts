import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { AgendaDto, MeetingListDto, MeetingResponseDto, RecordMeetingOutcomeDto, ScheduleBoardDto, ScheduleRunAcceptedDto, ScheduleRunDto, UpdateMeetingDto } from './dto/schedule.dto';
import { EventExportsService } from './event-exports.service';
import { EventScheduleService } from './event-schedule.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto })
@Controller('events/:id')
export class EventScheduleController {
  constructor(
    private readonly schedule: EventScheduleService,
    private readonly exports: EventExportsService,
  ) {}

  @Post('schedule')
  @HttpCode(202)
  @Roles('organizer')
  @ApiOperation({ summary: '运行自动排期（后台任务）：锁定的洽谈保持不动，其余重新安排' })
  @ApiAcceptedResponse({ type: ScheduleRunAcceptedDto })
  runScheduler(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleRunAcceptedDto> {
    return this.schedule.runSchedule(user, id);
  }

  @Get('schedule')
  @Roles('organizer')
  @ApiOperation({ summary: '排期看板：时段 × 洽谈桌，以及未能安排的邀约和原因' })
  @ApiOkResponse({ type: ScheduleBoardDto })
  getScheduleBoard(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<ScheduleBoardDto> {
    return this.schedule.getSchedule(user, id);
  }

  @Get('schedule/runs/:runId')
  @Roles('organizer')
  @ApiOperation({ summary: '某次排期运行的状态与结果' })
  @ApiOkResponse({ type: ScheduleRunDto })
  getScheduleRun(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('runId', ParseUUIDPipe) runId: string): Promise<ScheduleRunDto> {
    return this.schedule.getRun(user, id, runId);
  }

  @Get('schedule.xlsx')
  @Roles('organizer')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: '导出完整排期表（Excel）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'Excel 文件', schema: { type: 'string', format: 'binary' } })
  async exportScheduleExcel(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const buffer = await this.exports.scheduleXlsx(user, id);
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="schedule-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent('洽谈排期表')}.xlsx`,
    });
  }

  @Get('agenda')
  @ApiOperation({ summary: '我的议程（本单位的洽谈安排）' })
  @ApiOkResponse({ type: AgendaDto })
  getMyAgenda(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<AgendaDto> {
    return this.schedule.agenda(user, id);
  }

  @Get('agenda.ics')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: '我的议程日历文件（.ics，可导入手机或 Outlook 日历）' })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'iCalendar 文件', schema: { type: 'string' } })
  async downloadAgendaIcs(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const ics = await this.exports.agendaIcs(user, id);
    return new StreamableFile(Buffer.from(ics, 'utf8'), { type: 'text/calendar; charset=utf-8', disposition: `attachment; filename="agenda-${id}.ics"` });
  }

  @Get('meetings')
  @ApiOperation({ summary: '洽谈列表：主办方看全部，参会单位看本单位的' })
  @ApiOkResponse({ type: MeetingListDto })
  listMeetings(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<MeetingListDto> {
    return this.schedule.listMeetings(user, id);
  }

  @Patch('meetings/:meetingId')
  @Roles('organizer')
  @ApiOperation({ summary: '调整洽谈：移到空闲的时段/洽谈桌（自动锁定）、锁定或解锁、设置线上链接' })
  @ApiOkResponse({ type: MeetingResponseDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '目标时段冲突（有人分身、桌子被占或不在可参会时段）' })
  updateMeeting(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: UpdateMeetingDto,
  ): Promise<MeetingResponseDto> {
    return this.schedule.updateMeeting(user, id, meetingId, dto);
  }

  @Post('meetings/:meetingId/cancel')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '取消洽谈（同时撤销提醒；重新排期时不再安排这对单位）' })
  @ApiOkResponse({ type: MeetingResponseDto })
  cancelMeeting(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('meetingId', ParseUUIDPipe) meetingId: string): Promise<MeetingResponseDto> {
    return this.schedule.cancelMeeting(user, id, meetingId);
  }

  @Post('meetings/:meetingId/outcome')
  @HttpCode(200)
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '记录洽谈结果（是否进行；继续洽谈 / 达成合作意向 / 无后续）' })
  @ApiOkResponse({ type: MeetingResponseDto })
  recordMeetingOutcome(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: RecordMeetingOutcomeDto,
  ): Promise<MeetingResponseDto> {
    return this.schedule.recordOutcome(user, id, meetingId, dto);
  }
}
