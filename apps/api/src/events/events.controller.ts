import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '../auth/current-user';
import { CompleteEventResponseDto, CreateEventDto, EventPageDto, EventResponseDto, ListEventsQueryDto, UpdateEventDto } from './dto/event.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto, description: '活动不存在或不在管辖范围内' })
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @Roles('organizer')
  @ApiOperation({ summary: '创建活动（场景对接会 / 场景路演 / 场景体验），初始为草稿' })
  @ApiCreatedResponse({ type: EventResponseDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非主办方，或举办地不在管辖范围内' })
  createEvent(@CurrentUser() user: AuthenticatedUser, @Body() dto: CreateEventDto): Promise<EventResponseDto> {
    return this.events.create(user, dto);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: '活动列表（公众可见已发布、已结束的活动；主办方可按状态查看本辖区活动）' })
  @ApiOkResponse({ type: EventPageDto })
  listEvents(@CurrentUser() user: AuthenticatedUser | undefined, @Query() query: ListEventsQueryDto): Promise<EventPageDto> {
    return this.events.list(user, query);
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: '活动详情（含推算出的洽谈时段）' })
  @ApiOkResponse({ type: EventResponseDto })
  getEvent(@CurrentUser() user: AuthenticatedUser | undefined, @Param('id', ParseUUIDPipe) id: string): Promise<EventResponseDto> {
    return this.events.get(user, id);
  }

  @Patch(':id')
  @Roles('organizer')
  @ApiOperation({ summary: '修改活动' })
  @ApiOkResponse({ type: EventResponseDto })
  updateEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateEventDto): Promise<EventResponseDto> {
    return this.events.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '发布活动，开放报名' })
  @ApiOkResponse({ type: EventResponseDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '当前状态不允许发布' })
  publishEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<EventResponseDto> {
    return this.events.transition(user, id, 'publish');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '取消活动' })
  @ApiOkResponse({ type: EventResponseDto })
  cancelEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<EventResponseDto> {
    return this.events.transition(user, id, 'cancel');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '结束活动：未签到的报名单位记为未到场' })
  @ApiOkResponse({ type: CompleteEventResponseDto })
  completeEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<CompleteEventResponseDto> {
    return this.events.complete(user, id);
  }
}
