import { PageQueryDto } from '@app/common';
import { Notification } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';

export class ListNotificationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '只看未读' })
  @IsOptional()
  @Transform(({ value }) => value === 'true' || value === true)
  @IsBoolean()
  unread?: boolean;
}

export class NotificationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'match.suggested' }) kind: string;
  @ApiProperty({ example: '新的推荐供给' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ nullable: true, type: String }) link: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationResponseDto] }) items: NotificationResponseDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
  @ApiProperty() unread: number;
}

export function toNotificationResponse(n: Notification): NotificationResponseDto {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() };
}
