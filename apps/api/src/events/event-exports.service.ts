import { ActionForbidden, ResourceNotFound } from '@app/common';
import { EVENT_TYPE_LABELS, EventScheduleRun, ExchangeEvent, Meeting, RoadshowPitch } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { createEvents, EventAttributes } from 'ics';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { managesEvent } from './domain/event-access';
import { callerRegistration } from './domain/event-participants';
import { buildEventSlots, formatLocal } from '@app/events';
import { registrationsById, tableNameOf } from '@app/events';

const KIND_LABELS = { mutual: '双向邀约', accepted: '已接受邀约', suggested: '平台推荐' } as const;

/** The header row of the schedule export, in the order of the columns. */
export const SCHEDULE_EXPORT_HEADERS = ['时段', '开始时间', '结束时间', '洽谈桌', '场景业主方', '能力供给方', '洽谈类型', '是否锁定', '线上链接'];

const utc = (d: Date) => ({ value: d.getTime(), input: 'utc' as const, output: 'utc' as const });

@Injectable()
export class EventExportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One calendar per participant: its meetings (matchmaking), its pitch or the event days (roadshow), the visit (experience). */
  async agendaIcs(user: AuthenticatedUser, eventId: string): Promise<string> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    const mine = event ? await callerRegistration(manager, user, eventId) : null;
    if (!event || !mine || mine.status !== 'registered') throw new ResourceNotFound('我的议程');
    const entries: EventAttributes[] = [];
    const base = (id: string, title: string, start: Date, end: Date, location: string | null, url: string | null): EventAttributes => {
      const s = utc(start);
      const e = utc(end);
      return {
        uid: `${id}@scenario-exchange`,
        title,
        start: s.value,
        startInputType: s.input,
        startOutputType: s.output,
        end: e.value,
        endInputType: e.input,
        endOutputType: e.output,
        ...(location ? { location } : {}),
        ...(url ? { url } : {}),
        status: 'CONFIRMED',
        alarms: [{ action: 'display', description: title, trigger: { minutes: 15, before: true } }],
      };
    };
    if (event.type === 'matchmaking') {
      const key = mine.side === 'owner' ? 'ownerRegistrationId' : 'supplierRegistrationId';
      const meetings = await manager.find(Meeting, { where: { eventId, status: 'scheduled', [key]: mine.id }, order: { startsAt: 'ASC' } });
      const regs = await registrationsById(manager, meetings.flatMap((m) => [m.ownerRegistrationId, m.supplierRegistrationId]));
      for (const m of meetings) {
        const other = regs.get(mine.side === 'owner' ? m.supplierRegistrationId : m.ownerRegistrationId)?.organization?.name ?? '对方单位';
        entries.push({ ...base(m.id, `洽谈：${other}（${tableNameOf(m.tableNo)}）`, m.startsAt, m.endsAt, [event.venue, tableNameOf(m.tableNo)].filter(Boolean).join(' '), m.onlineUrl ?? event.onlineUrl), description: `${event.title}\n1 对 1 洽谈，${tableNameOf(m.tableNo)}` });
      }
    } else if (event.type === 'roadshow') {
      const pitch = mine.side === 'supplier' ? await manager.findOneBy(RoadshowPitch, { eventId, registrationId: mine.id }) : null;
      if (pitch) entries.push(base(pitch.id, `路演：${event.title}（第 ${pitch.position} 位）`, pitch.startsAt, pitch.endsAt, event.venue, event.onlineUrl));
      else {
        for (const day of event.days) entries.push(base(`${event.id}-${day.date}`, `${EVENT_TYPE_LABELS[event.type]}：${event.title}`, new Date(`${day.date}T${day.start}:00+08:00`), new Date(`${day.date}T${day.end}:00+08:00`), event.venue, event.onlineUrl));
      }
    } else {
      const first = event.days[0];
      const start = event.meetingTime ?? new Date(`${first.date}T${first.start}:00+08:00`);
      const last = event.days[event.days.length - 1];
      entries.push({ ...base(event.id, `${EVENT_TYPE_LABELS[event.type]}：${event.title}`, start, new Date(`${last.date}T${last.end}:00+08:00`), event.meetingPoint ?? event.venue, event.onlineUrl), description: `集合地点：${event.meetingPoint ?? ''}` });
    }
    const { error, value } = createEvents(entries, { productId: '-//scenario-exchange//events//ZH', calName: `${event.title} · 我的议程` });
    if (error || !value) throw error ?? new Error('ics generation failed');
    return value;
  }

  async scheduleXlsx(user: AuthenticatedUser, eventId: string): Promise<Buffer> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
    if (event.type !== 'matchmaking') throw new ActionForbidden('只有场景对接会有洽谈排期表');
    const meetings = await manager.find(Meeting, { where: { eventId, status: 'scheduled' }, order: { startsAt: 'ASC', tableNo: 'ASC' } });
    const regs = await registrationsById(manager, meetings.flatMap((m) => [m.ownerRegistrationId, m.supplierRegistrationId]));
    const name = (id: string) => regs.get(id)?.organization?.name ?? id;

    const workbook = new ExcelJS.Workbook();
    workbook.creator = '场景对接平台';
    const sheet = workbook.addWorksheet('洽谈排期');
    sheet.addRow(SCHEDULE_EXPORT_HEADERS);
    sheet.getRow(1).font = { bold: true };
    for (const m of meetings) {
      sheet.addRow([m.slotId, formatLocal(m.startsAt), formatLocal(m.endsAt), tableNameOf(m.tableNo), name(m.ownerRegistrationId), name(m.supplierRegistrationId), KIND_LABELS[m.kind], m.locked ? '是' : '否', m.onlineUrl ?? '']);
    }
    sheet.columns.forEach((c, i) => (c.width = [18, 18, 18, 10, 30, 30, 12, 10, 36][i]));
    sheet.views = [{ state: 'frozen', ySplit: 1 }];

    const run = await manager.findOne(EventScheduleRun, { where: { eventId, status: 'succeeded' }, order: { createdAt: 'DESC' } });
    const unplaced = workbook.addWorksheet('未安排');
    unplaced.addRow(['场景业主方', '能力供给方', '洽谈类型', '原因']);
    unplaced.getRow(1).font = { bold: true };
    const unplacedRegs = await registrationsById(manager, (run?.unplaced ?? []).flatMap((u) => [u.ownerRegistrationId, u.supplierRegistrationId]));
    for (const u of run?.unplaced ?? []) {
      unplaced.addRow([unplacedRegs.get(u.ownerRegistrationId)?.organization?.name ?? '', unplacedRegs.get(u.supplierRegistrationId)?.organization?.name ?? '', KIND_LABELS[u.kind as keyof typeof KIND_LABELS] ?? u.kind, u.message]);
    }
    const grid = workbook.addWorksheet('时段×洽谈桌');
    grid.addRow(['时段', ...Array.from({ length: event.tableCount }, (_, i) => tableNameOf(i + 1))]);
    grid.getRow(1).font = { bold: true };
    for (const slot of buildEventSlots(event)) {
      const cells = Array.from({ length: event.tableCount }, (_, i) => {
        const m = meetings.find((x) => x.slotId === slot.id && x.tableNo === i + 1);
        return m ? `${name(m.ownerRegistrationId)} × ${name(m.supplierRegistrationId)}` : '';
      });
      grid.addRow([formatLocal(slot.startsAt), ...cells]);
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
