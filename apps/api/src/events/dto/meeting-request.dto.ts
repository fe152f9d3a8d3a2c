import { MEETING_REQUEST_STATUSES, MeetingRequestRecord, MeetingRequestStatus } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class SendMeetingRequestDto {
  @ApiProperty({ description: '对方的报名编号（参会名单中的 id）' })
  @IsUUID()
  toRegistrationId: string;

  @ApiPropertyOptional({ example: '希望就园区巡检机器人场景做 20 分钟交流。' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  message?: string;
}

export class ListMeetingRequestsQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], description: '收到的 / 发出的（主办方看全部）' })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: MEETING_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(MEETING_REQUEST_STATUSES)
  status?: MeetingRequestStatus;
}

export class PartyDto {
  @ApiProperty() registrationId: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
}

export class MeetingRequestResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ type: PartyDto }) from: PartyDto;
  @ApiProperty({ type: PartyDto }) to: PartyDto;
  @ApiProperty({ enum: MEETING_REQUEST_STATUSES }) status: MeetingRequestStatus;
  @ApiProperty({ description: '双方互相邀约' }) mutual: boolean;
  @ApiProperty({ description: '来自平台推荐（匹配结果）' }) fromSuggestion: boolean;
  @ApiProperty({ nullable: true, type: Number }) matchScore: number | null;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) respondedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MeetingRequestListDto {
  @ApiProperty({ type: [MeetingRequestResponseDto] }) items: MeetingRequestResponseDto[];
}

export class SuggestedPartnerDto {
  @ApiProperty() registrationId: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ example: 0.82, description: '匹配分（0–1）' }) matchScore: number;
  @ApiProperty({ nullable: true, type: String, description: '已有的邀约状态（无则为空）' }) requestStatus: string | null;
}

export class SuggestedPartnerListDto {
  @ApiProperty({ type: [SuggestedPartnerDto] }) items: SuggestedPartnerDto[];
}

export function toMeetingRequestResponse(r: MeetingRequestRecord, names: Map<string, { organizationId: string; name: string | null }>): MeetingRequestResponseDto {
  const party = (registrationId: string): PartyDto => ({
    registrationId,
    organizationId: names.get(registrationId)?.organizationId ?? '',
    organizationName: names.get(registrationId)?.name ?? null,
  });
  return {
    id: r.id,
    eventId: r.eventId,
    from: party(r.fromRegistrationId),
    to: party(r.toRegistrationId),
    status: r.status,
    mutual: r.mutual,
    fromSuggestion: r.fromSuggestion,
    matchScore: r.matchScore,
    message: r.message,
    expiresAt: r.expiresAt.toISOString(),
    respondedAt: r.respondedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
