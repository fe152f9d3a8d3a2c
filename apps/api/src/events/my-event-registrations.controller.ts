import { PageQueryDto, ProblemDetailsDto } from '@app/common';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { MyRegistrationPageDto } from './dto/registration.dto';
import { EventRegistrationsService } from './event-registrations.service';

/** Across events, so it cannot live under `events/:id/registrations`. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('events/registrations')
export class MyEventRegistrationsController {
  constructor(private readonly registrations: EventRegistrationsService) {}

  @Get('mine')
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '本单位报名的活动（报名成功或候补，含签到码与活动信息），分页' })
  @ApiOkResponse({ type: MyRegistrationPageDto })
  @ApiUnauthorizedResponse({ type: ProblemDetailsDto, description: '未登录' })
  @ApiForbiddenResponse({ type: ProblemDetailsDto, description: '非场景业主方或能力供给方' })
  listMyEventRegistrations(@CurrentUser() user: AuthenticatedUser, @Query() query: PageQueryDto): Promise<MyRegistrationPageDto> {
    return this.registrations.listMine(user, query);
  }
}
