import { EVENT_SIDES, EventAttendee, EventRegistration, EventSide, REGISTRATION_STATUSES, RegistrationStatus } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EventResponseDto } from './event.dto';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

export class AttendeeDto {
  @ApiProperty({ example: '李四' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional({ example: '信息中心主任' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  title?: string;

  @ApiPropertyOptional({ example: '13800000000', description: '仅主办方可见' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: '手机号格式不正确' })
  phone?: string;
}

export class RegisterForEventDto {
  @ApiProperty({ type: [AttendeeDto], description: '参会人员' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendees: AttendeeDto[];

  @ApiPropertyOptional({ type: [String], example: ['2026-06-18T09:00', '2026-06-18T09:20'], description: '可参加的洽谈时段（不填表示全部时段）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  availableSlotIds?: string[];

  @ApiPropertyOptional({ example: 6, description: '本单位最多洽谈场次（不超过活动上限）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  maxMeetings?: number;
}

export class ListRegistrationsQueryDto {
  @ApiPropertyOptional({ enum: EVENT_SIDES, description: '主办方按身份筛选' })
  @IsOptional()
  @IsIn(EVENT_SIDES)
  side?: EventSide;

  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES, description: '主办方按状态筛选' })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class CheckInDto {
  @ApiProperty({ example: 'K7Q2M9XD', description: '参会单位的签到码（扫码或手工输入）' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{4,12}$/, { message: '签到码格式不正确' })
  code: string;
}

export class PublishedItemDto {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) domains: string[];
}

export class AttendeeResponseDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ nullable: true, type: String, description: '仅主办方和本单位可见' }) phone: string | null;
}

export class RegistrationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true, type: String }) organizationName: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationType: string | null;
  @ApiProperty({ enum: EVENT_SIDES }) side: EventSide;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status: RegistrationStatus;
  @ApiProperty({ type: [AttendeeResponseDto] }) attendees: AttendeeResponseDto[];
  @ApiProperty({ type: [String], nullable: true }) availableSlotIds: string[] | null;
  @ApiProperty({ nullable: true, type: Number }) maxMeetings: number | null;
  @ApiProperty({ nullable: true, type: String, description: '签到码，仅本单位和主办方可见' }) checkInCode: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) checkedInAt: string | null;
  @ApiProperty() noShow: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ type: [PublishedItemDto], description: '业主方已发布的场景需求' }) scenarios?: PublishedItemDto[];
  @ApiPropertyOptional({ type: [PublishedItemDto], description: '供给方已发布的能力供给' }) capabilities?: PublishedItemDto[];
}

export class RegistrationListDto {
  @ApiProperty({ type: [RegistrationResponseDto] }) items: RegistrationResponseDto[];
}

/** One of my organization's registrations, with the event it is for (the participant workspace's list). */
export class MyRegistrationDto {
  @ApiProperty({ type: RegistrationResponseDto }) registration: RegistrationResponseDto;
  @ApiProperty({ type: EventResponseDto }) event: EventResponseDto;
}

export class MyRegistrationPageDto {
  @ApiProperty({ type: [MyRegistrationDto] }) items: MyRegistrationDto[];
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty() total: number;
}

/** `full` for the organization itself and organizers; the other side sees names and published offers only. */
export function toRegistrationResponse(r: EventRegistration, view: 'full' | 'counterpart'): RegistrationResponseDto {
  const full = view === 'full';
  return {
    id: r.id,
    eventId: r.eventId,
    organizationId: r.organizationId,
    organizationName: r.organization?.name ?? null,
    organizationType: r.organization?.type ?? null,
    side: r.side,
    status: r.status,
    attendees: r.attendees.map((a: EventAttendee) => ({ name: a.name, title: a.title ?? null, phone: full ? (a.phone ?? null) : null })),
    availableSlotIds: full ? r.availableSlotIds : null,
    maxMeetings: full ? r.maxMeetings : null,
    checkInCode: full ? r.checkInCode : null,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    noShow: r.noShow,
    createdAt: r.createdAt.toISOString(),
  };
}
