import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { CheckInDto, ListRegistrationsQueryDto, RegisterForEventDto, RegistrationListDto, RegistrationResponseDto } from './dto/registration.dto';
import { EventRegistrationsService } from './event-registrations.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto })
@Controller('events/:id/registrations')
export class EventRegistrationsController {
  constructor(private readonly registrations: EventRegistrationsService) {}

  @Post()
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '报名（名额已满时进入候补名单，按报名先后递补）' })
  @ApiCreatedResponse({ type: RegistrationResponseDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '本单位已报名' })
  registerForEvent(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RegisterForEventDto): Promise<RegistrationResponseDto> {
    return this.registrations.register(user, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '参会名单：主办方看全部报名（含候补、签到码）；已报名单位看对方名单及其已发布的场景/能力' })
  @ApiOkResponse({ type: RegistrationListDto })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '尚未报名成功' })
  listRegistrations(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListRegistrationsQueryDto): Promise<RegistrationListDto> {
    return this.registrations.list(user, id, query);
  }

  @Get('me')
  @ApiOperation({ summary: '本单位的报名（含签到码）' })
  @ApiOkResponse({ type: RegistrationResponseDto })
  getMyRegistration(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<RegistrationResponseDto> {
    return this.registrations.mine(user, id);
  }

  @Post('check-in')
  @HttpCode(200)
  @Roles('organizer')
  @ApiOperation({ summary: '现场签到：扫描或输入参会单位的签到码' })
  @ApiOkResponse({ type: RegistrationResponseDto })
  checkInParticipant(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CheckInDto): Promise<RegistrationResponseDto> {
    return this.registrations.checkIn(user, id, dto);
  }

  @Post(':registrationId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: '取消报名（本单位或主办方）；正式名额由候补第一位递补' })
  @ApiOkResponse({ type: RegistrationResponseDto })
  cancelRegistration(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('registrationId', ParseUUIDPipe) registrationId: string,
  ): Promise<RegistrationResponseDto> {
    return this.registrations.cancel(user, id, registrationId);
  }
}
