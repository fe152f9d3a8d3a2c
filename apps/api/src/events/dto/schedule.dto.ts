import { EventRegistration, Meeting, MEETING_KINDS, MEETING_OUTCOMES, MeetingKind, MeetingOutcome, MeetingOutcomeValue, EventScheduleRun } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { tableNameOf } from '@app/events';
import { EventSlotDto } from './event.dto';
import { PartyDto } from './meeting-request.dto';

export class ScheduleRunAcceptedDto {
  @ApiProperty({ description: '排期运行编号' }) runId: string;
  @ApiProperty({ description: 'BullMQ 任务编号' }) jobId: string;
  @ApiProperty({ example: 'queued' }) status: string;
}

export class UnplacedRequestDto {
  @ApiProperty() requestId: string;
  @ApiProperty() ownerRegistrationId: string;
  @ApiProperty() supplierRegistrationId: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind: string;
  @ApiProperty({ example: 'no_common_free_slot' }) reason: string;
  @ApiProperty({ example: '双方没有共同的空闲时段' }) message: string;
}

export class ScheduleWarningDto {
  @ApiProperty() requestId: string;
  @ApiProperty() code: string;
  @ApiProperty() message: string;
}

export class ScheduleRunDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: '总优先级' }) totalPriority: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '可证明的上界' }) upperBound: number | null;
  @ApiProperty({ nullable: true, type: Object }) stats: Record<string, unknown> | null;
  @ApiProperty({ type: [UnplacedRequestDto] }) unplaced: UnplacedRequestDto[];
  @ApiProperty({ type: [ScheduleWarningDto] }) warnings: ScheduleWarningDto[];
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class MeetingOutcomeDto {
  @ApiProperty({ enum: ['owner', 'supplier'] }) side: string;
  @ApiProperty() happened: boolean;
  @ApiProperty({ nullable: true, enum: MEETING_OUTCOMES }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class MeetingResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty({ example: '2026-06-18T09:00' }) slotId: string;
  @ApiProperty() tableNo: number;
  @ApiProperty({ example: '第 3 桌' }) tableName: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() locked: boolean;
  @ApiProperty({ enum: ['scheduled', 'cancelled'] }) status: string;
  @ApiProperty({ enum: MEETING_KINDS, description: 'mutual 双向邀约 / accepted 已接受邀约 / suggested 平台推荐' }) kind: MeetingKind;
  @ApiProperty() priority: number;
  @ApiProperty({ nullable: true, type: String }) onlineUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) meetingRequestId: string | null;
  @ApiProperty() requestKey: string;
  @ApiProperty({ type: PartyDto }) owner: PartyDto;
  @ApiProperty({ type: PartyDto }) supplier: PartyDto;
  @ApiProperty({ type: [MeetingOutcomeDto] }) outcomes: MeetingOutcomeDto[];
}

export class MeetingListDto {
  @ApiProperty({ type: [MeetingResponseDto] }) items: MeetingResponseDto[];
}

export class BoardCellDto {
  @ApiProperty() tableNo: number;
  @ApiProperty({ nullable: true, type: MeetingResponseDto }) meeting: MeetingResponseDto | null;
}

export class BoardRowDto {
  @ApiProperty({ type: EventSlotDto }) slot: EventSlotDto;
  @ApiProperty({ type: [BoardCellDto] }) cells: BoardCellDto[];
}

export class ScheduleBoardDto {
  @ApiProperty() eventId: string;
  @ApiProperty({ type: [EventSlotDto] }) slots: EventSlotDto[];
  @ApiProperty({ type: [String], example: ['第 1 桌', '第 2 桌'] }) tables: string[];
  @ApiProperty({ nullable: true, type: ScheduleRunDto, description: '最近一次排期运行' }) latestRun: ScheduleRunDto | null;
  @ApiProperty({ type: [BoardRowDto], description: '时段 × 洽谈桌' }) board: BoardRowDto[];
  @ApiProperty({ type: [MeetingResponseDto] }) meetings: MeetingResponseDto[];
  @ApiProperty({ type: [UnplacedRequestDto] }) unplaced: UnplacedRequestDto[];
}

export class UpdateMeetingDto {
  @ApiPropertyOptional({ example: '2026-06-18T10:00', description: '移到的时段（移动后自动锁定）' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: '时段编号格式应为 YYYY-MM-DDTHH:mm' })
  slotId?: string;

  @ApiPropertyOptional({ example: 3 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  tableNo?: number;

  @ApiPropertyOptional({ description: '锁定后重新排期不会移动它' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean;

  @ApiPropertyOptional({ example: 'https://meeting.example.cn/room/42', nullable: true, description: '远程参会链接；传 null 清除' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ require_protocol: true })
  @MaxLength(500)
  onlineUrl?: string | null;
}

export class RecordMeetingOutcomeDto {
  @ApiProperty({ description: '洽谈是否如期进行' })
  @IsBoolean()
  happened: boolean;

  @ApiPropertyOptional({ enum: MEETING_OUTCOMES, example: '达成合作意向' })
  @ValidateIf((o: RecordMeetingOutcomeDto) => o.happened === true || o.outcome !== undefined)
  @IsIn(MEETING_OUTCOMES)
  outcome?: MeetingOutcomeValue;

  @ApiPropertyOptional({ example: '约定下月现场踏勘。' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class AgendaItemDto {
  @ApiProperty({ type: MeetingResponseDto }) meeting: MeetingResponseDto;
  @ApiProperty({ type: PartyDto }) counterpart: PartyDto;
}

export class AgendaDto {
  @ApiProperty() eventId: string;
  @ApiProperty() eventTitle: string;
  @ApiProperty() registrationId: string;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ nullable: true, type: String }) meetingPoint: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) meetingTime: string | null;
  @ApiProperty({ type: [AgendaItemDto] }) items: AgendaItemDto[];
}

export function toScheduleRunResponse(run: EventScheduleRun): ScheduleRunDto {
  return {
    id: run.id,
    status: run.status,
    totalPriority: run.totalPriority,
    upperBound: run.upperBound,
    stats: run.stats,
    unplaced: run.unplaced,
    warnings: run.warnings,
    error: run.error,
    createdAt: run.createdAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

export function toMeetingResponse(m: Meeting, registrations: Map<string, EventRegistration>, outcomes: MeetingOutcome[] = []): MeetingResponseDto {
  const party = (id: string) => ({ registrationId: id, organizationId: registrations.get(id)?.organizationId ?? '', organizationName: registrations.get(id)?.organization?.name ?? null });
  return {
    id: m.id,
    eventId: m.eventId,
    slotId: m.slotId,
    tableNo: m.tableNo,
    tableName: tableNameOf(m.tableNo),
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    locked: m.locked,
    status: m.status,
    kind: m.kind,
    priority: m.priority,
    onlineUrl: m.onlineUrl,
    meetingRequestId: m.meetingRequestId,
    requestKey: m.requestKey,
    owner: party(m.ownerRegistrationId),
    supplier: party(m.supplierRegistrationId),
    outcomes: outcomes.filter((o) => o.meetingId === m.id).map((o) => ({ side: o.side, happened: o.happened, outcome: o.outcome, note: o.note })),
  };
}
