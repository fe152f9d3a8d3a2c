import { ProblemDetailsDto } from '@app/common';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '../auth/current-user';
import { ListMeetingRequestsQueryDto, MeetingRequestListDto, MeetingRequestResponseDto, SendMeetingRequestDto, SuggestedPartnerListDto } from './dto/meeting-request.dto';
import { MeetingRequestsService } from './meeting-requests.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiNotFoundResponse({ type: ProblemDetailsDto })
@Controller('events/:id/meeting-requests')
export class MeetingRequestsController {
  constructor(private readonly requests: MeetingRequestsService) {}

  @Post()
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '向对方发起 1 对 1 洽谈邀约（对方也邀约过本单位时直接成为双向邀约）' })
  @ApiCreatedResponse({ type: MeetingRequestResponseDto })
  @ApiConflictResponse({ type: ProblemDetailsDto, description: '已有进行中的邀约，或进行中的邀约已达上限' })
  @ApiForbiddenResponse({ type: ProblemDetailsDto })
  sendMeetingRequest(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SendMeetingRequestDto): Promise<MeetingRequestResponseDto> {
    return this.requests.send(user, id, dto);
  }

  @Get()
  @ApiOperation({ summary: '洽谈邀约：参会单位看自己收到和发出的，主办方看全部' })
  @ApiOkResponse({ type: MeetingRequestListDto })
  listMeetingRequests(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListMeetingRequestsQueryDto): Promise<MeetingRequestListDto> {
    return this.requests.list(user, id, query);
  }

  @Get('suggestions')
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '推荐洽谈对象（来自匹配结果，按匹配分排序）' })
  @ApiOkResponse({ type: SuggestedPartnerListDto })
  listSuggestedPartners(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<SuggestedPartnerListDto> {
    return this.requests.suggestions(user, id);
  }

  @Post(':requestId/accept')
  @HttpCode(200)
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '接受洽谈邀约' })
  @ApiOkResponse({ type: MeetingRequestResponseDto })
  acceptMeetingRequest(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestResponseDto> {
    return this.requests.respond(user, id, requestId, 'accept');
  }

  @Post(':requestId/decline')
  @HttpCode(200)
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '拒绝洽谈邀约' })
  @ApiOkResponse({ type: MeetingRequestResponseDto })
  declineMeetingRequest(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestResponseDto> {
    return this.requests.respond(user, id, requestId, 'decline');
  }

  @Post(':requestId/withdraw')
  @HttpCode(200)
  @Roles('owner', 'supplier')
  @ApiOperation({ summary: '撤回本单位发出的邀约' })
  @ApiOkResponse({ type: MeetingRequestResponseDto })
  withdrawMeetingRequest(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string, @Param('requestId', ParseUUIDPipe) requestId: string): Promise<MeetingRequestResponseDto> {
    return this.requests.respond(user, id, requestId, 'withdraw');
  }
}
