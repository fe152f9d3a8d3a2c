import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user';
import { ListNotificationsQueryDto, NotificationPageDto, NotificationResponseDto } from './notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: '我的站内通知' })
  @ApiOkResponse({ type: NotificationPageDto })
  listNotifications(@CurrentUser() user: AuthenticatedUser, @Query() query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(user, query);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: '标记一条通知为已读' })
  @ApiOkResponse({ type: NotificationResponseDto })
  markNotificationRead(@CurrentUser() user: AuthenticatedUser, @Param('id', ParseUUIDPipe) id: string): Promise<NotificationResponseDto> {
    return this.notifications.markRead(user, id);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: '全部标记为已读' })
  markAllNotificationsRead(@CurrentUser() user: AuthenticatedUser): Promise<{ updated: number }> {
    return this.notifications.markAllRead(user);
  }
}
