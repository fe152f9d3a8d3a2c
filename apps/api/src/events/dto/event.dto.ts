import { PageQueryDto } from '@app/common';
import { EVENT_STATUSES, EVENT_TYPE_LABELS, EVENT_TYPES, EventStatus, EventType, ExchangeEvent } from '@app/database';
import { IsDomainName, IsRegionCode } from '@app/taxonomy';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { buildEventSlots } from '@app/events';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class EventDayDto {
  @ApiProperty({ example: '2026-06-18', description: '日期（北京时间）' })
  @IsDateString({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: '09:00' })
  @Matches(TIME, { message: '时间格式应为 HH:mm' })
  start: string;

  @ApiProperty({ example: '17:00' })
  @Matches(TIME, { message: '时间格式应为 HH:mm' })
  end: string;
}

export class EventBreakDto {
  @ApiProperty({ example: '12:00' })
  @Matches(TIME, { message: '时间格式应为 HH:mm' })
  start: string;

  @ApiProperty({ example: '13:30' })
  @Matches(TIME, { message: '时间格式应为 HH:mm' })
  end: string;
}

export class CreateEventDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'matchmaking', description: 'matchmaking 场景对接会 / roadshow 场景路演 / experience 场景体验' })
  @IsIn(EVENT_TYPES)
  type: EventType;

  @ApiProperty({ example: '2026 宁波市未来产业场景对接会（具身智能专场）' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  title: string;

  @ApiPropertyOptional({ example: '面向具身智能场景业主方与能力供给方的 1 对 1 洽谈。' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ example: ['具身智能'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsDomainName({ each: true })
  domains?: string[];

  @ApiProperty({ example: '330200', description: '举办地行政区划代码，须在主办方管辖范围内' })
  @IsRegionCode()
  regionCode: string;

  @ApiPropertyOptional({ example: '宁波国际会议中心 3 号厅' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  venue?: string;

  @ApiPropertyOptional({ example: 'https://meeting.example.cn/room/123' })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string;

  @ApiProperty({ type: [EventDayDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(14)
  @ValidateNested({ each: true })
  @Type(() => EventDayDto)
  days: EventDayDto[];

  @ApiPropertyOptional({ type: [EventBreakDto], description: '每天的休息时段（如午休），不安排洽谈' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EventBreakDto)
  breaks?: EventBreakDto[];

  @ApiProperty({ example: '2026-05-01T00:00:00+08:00' })
  @IsISO8601()
  registrationOpensAt: string;

  @ApiProperty({ example: '2026-06-15T18:00:00+08:00' })
  @IsISO8601()
  registrationClosesAt: string;

  @ApiProperty({ example: 50, description: '场景业主方名额' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  capacityOwner: number;

  @ApiProperty({ example: 50, description: '能力供给方名额' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10000)
  capacitySupplier: number;

  @ApiProperty({ example: 20, description: '每场洽谈（或每个路演）时长，分钟' })
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(240)
  slotMinutes: number;

  @ApiPropertyOptional({ example: 20, description: '洽谈桌 / 会议室数量' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  tableCount?: number;

  @ApiPropertyOptional({ example: 8, description: '每个参会单位最多洽谈场次' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  maxMeetingsPerParticipant?: number;

  @ApiPropertyOptional({ example: 3, description: '洽谈邀约未回复多少天后过期' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  requestExpiryDays?: number;

  @ApiPropertyOptional({ example: '宁波国家高新区研发园 A 幢大堂', description: '场景体验：集合地点' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  meetingPoint?: string;

  @ApiPropertyOptional({ example: '2026-06-18T08:30:00+08:00', description: '场景体验：集合时间' })
  @IsOptional()
  @IsISO8601()
  meetingTime?: string;
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class ListEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EVENT_TYPES })
  @IsOptional()
  @IsIn(EVENT_TYPES)
  type?: EventType;

  @ApiPropertyOptional({ enum: EVENT_STATUSES, description: '主办方可按状态筛选（含草稿）；公众只能看到已发布、已结束的活动' })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;
}

export class EventSlotDto {
  @ApiProperty({ example: '2026-06-18T09:00' }) id: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
}

export class EventResponseDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: EVENT_TYPES }) type: EventType;
  @ApiProperty({ example: '场景对接会' }) typeLabel: string;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String] }) domains: string[];
  @ApiProperty() regionCode: string;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ type: [EventDayDto] }) days: EventDayDto[];
  @ApiProperty({ type: [EventBreakDto] }) breaks: EventBreakDto[];
  @ApiProperty({ format: 'date-time' }) registrationOpensAt: string;
  @ApiProperty({ format: 'date-time' }) registrationClosesAt: string;
  @ApiProperty() capacityOwner: number;
  @ApiProperty() capacitySupplier: number;
  @ApiProperty() registeredOwnerCount: number;
  @ApiProperty() registeredSupplierCount: number;
  @ApiProperty() slotMinutes: number;
  @ApiProperty() tableCount: number;
  @ApiProperty() maxMeetingsPerParticipant: number;
  @ApiProperty() requestExpiryDays: number;
  @ApiProperty({ nullable: true, type: String }) meetingPoint: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) meetingTime: string | null;
  @ApiProperty({ enum: EVENT_STATUSES }) status: EventStatus;
  @ApiProperty({ type: [EventSlotDto], description: '由日程、时长与休息时段推算出的时段' }) slots: EventSlotDto[];
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class EventPageDto {
  @ApiProperty({ type: [EventResponseDto] }) items: EventResponseDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

export class CompleteEventResponseDto {
  @ApiProperty({ type: EventResponseDto }) event: EventResponseDto;
  @ApiProperty({ description: '记为未到场的报名单位数' }) noShows: number;
}

export function toEventResponse(e: ExchangeEvent): EventResponseDto {
  return {
    id: e.id,
    type: e.type,
    typeLabel: EVENT_TYPE_LABELS[e.type],
    title: e.title,
    description: e.description,
    domains: e.domains,
    regionCode: e.regionCode,
    venue: e.venue,
    onlineUrl: e.onlineUrl,
    days: e.days,
    breaks: e.breaks,
    registrationOpensAt: e.registrationOpensAt.toISOString(),
    registrationClosesAt: e.registrationClosesAt.toISOString(),
    capacityOwner: e.capacityOwner,
    capacitySupplier: e.capacitySupplier,
    registeredOwnerCount: e.registeredOwnerCount,
    registeredSupplierCount: e.registeredSupplierCount,
    slotMinutes: e.slotMinutes,
    tableCount: e.tableCount,
    maxMeetingsPerParticipant: e.maxMeetingsPerParticipant,
    requestExpiryDays: e.requestExpiryDays,
    meetingPoint: e.meetingPoint,
    meetingTime: e.meetingTime?.toISOString() ?? null,
    status: e.status,
    slots: buildEventSlots(e).map((s) => ({ id: s.id, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
    publishedAt: e.publishedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
