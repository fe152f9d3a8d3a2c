import { ResourceNotFound } from '@app/common';
import { Notification } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { ListNotificationsQueryDto, NotificationPageDto, NotificationResponseDto, toNotificationResponse } from './notifications.dto';

@Injectable()
export class NotificationsService {
  constructor(@InjectRepository(Notification) private readonly notifications: Repository<Notification>) {}

  async list(user: AuthenticatedUser, query: ListNotificationsQueryDto): Promise<NotificationPageDto> {
    const where = query.unread ? { userId: user.id, readAt: IsNull() } : { userId: user.id };
    const [rows, total] = await this.notifications.findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const unread = await this.notifications.count({ where: { userId: user.id, readAt: IsNull() } });
    return { items: rows.map(toNotificationResponse), page: query.page, pageSize: query.pageSize, total, unread };
  }

  async markRead(user: AuthenticatedUser, id: string): Promise<NotificationResponseDto> {
    const row = await this.notifications.findOneBy({ id, userId: user.id });
    if (!row) throw new ResourceNotFound('通知', id);
    if (!row.readAt) {
      row.readAt = new Date();
      await this.notifications.save(row);
    }
    return toNotificationResponse(row);
  }

  async markAllRead(user: AuthenticatedUser): Promise<{ updated: number }> {
    const result = await this.notifications.update({ userId: user.id, readAt: IsNull() }, { readAt: new Date() });
    return { updated: result.affected ?? 0 };
  }
}
