import { Meeting } from '@app/database';
import { EventsProducer } from '@app/queue';
import { ScheduleInput, ScheduleResult, validateSchedule } from '@app/scheduling';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { meetingReminderJobId } from '@app/events';
import { SCHEDULE_EXPORT_HEADERS } from '../apps/api/src/events/event-exports.service';
import { createParticipants, createPublishedEvent, registerFor } from './support/events-fixtures';
import { bearer, createStaffAccount, TestAccount } from './support/fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

interface StoredMeeting {
  id: string;
  requestKey: string;
  slotId: string;
  tableNo: number;
  startsAt: string;
  endsAt: string;
  locked: boolean;
  kind: 'mutual' | 'accepted' | 'suggested';
  priority: number;
  owner: { registrationId: string };
  supplier: { registrationId: string };
}

describe('Events: scheduler, agenda, reminders, exports, outcomes (e2e)', () => {
  let stack: TestStack;
  let organizer: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    organizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('schedules accepted and mutual requests within every hard rule, keeps locked meetings, re-runs after a cancellation, and keeps reminders in step', async () => {
    // 5 slots (09:00–11:00, 20 min, break 10:00–10:20), 3 tables, at most 3 meetings each.
    const event = await createPublishedEvent(stack, organizer, { maxMeetingsPerParticipant: 3, tableCount: 3 });
    const slotIds = event.slots.map((s) => s.id);
    const owners = await createParticipants(stack, 'owner', 4);
    const suppliers = await createParticipants(stack, 'supplier', 4);
    const availability: Record<number, string[] | undefined> = { 0: slotIds.slice(0, 3), 5: slotIds.slice(2) };
    const regs: Array<{ id: string; side: 'owner' | 'supplier'; account: TestAccount; max: number; available?: string[] }> = [];
    for (const [i, a] of [...owners, ...suppliers].entries()) {
      const body = { ...(availability[i] ? { availableSlotIds: availability[i] } : {}), ...(i === 7 ? { maxMeetings: 1 } : {}) };
      const reg = await registerFor(stack, event.id, a, body);
      regs.push({ id: reg.id, side: i < 4 ? 'owner' : 'supplier', account: a, max: i === 7 ? 1 : 3, available: availability[i] });
    }
    const ownerRegs = regs.slice(0, 4);
    const supplierRegs = regs.slice(4);
    const url = `/api/v1/events/${event.id}/meeting-requests`;

    // Every owner asks three suppliers; suppliers accept all but one; one pair asks both ways.
    const requests: Array<{ id: string; ownerId: string; supplierId: string; kind: 'mutual' | 'accepted' }> = [];
    for (const [oi, o] of ownerRegs.entries()) {
      for (let k = 0; k < 3; k++) {
        const s = supplierRegs[(oi + k) % 4];
        if (oi === 1 && k === 0) {
          const fromS = await http().post(url).set(bearer(s.account)).send({ toRegistrationId: o.id }).expect(201);
          await http().post(url).set(bearer(o.account)).send({ toRegistrationId: s.id }).expect(201);
          requests.push({ id: fromS.body.id, ownerId: o.id, supplierId: s.id, kind: 'mutual' });
          continue;
        }
        const sent = await http().post(url).set(bearer(o.account)).send({ toRegistrationId: s.id }).expect(201);
        if (oi === 2 && k === 2) {
          await http().post(`${url}/${sent.body.id}/decline`).set(bearer(s.account)).expect(200);
          continue;
        }
        await http().post(`${url}/${sent.body.id}/accept`).set(bearer(s.account)).expect(200);
        requests.push({ id: sent.body.id, ownerId: o.id, supplierId: s.id, kind: 'accepted' });
      }
    }

    // Test organizations publish no scenarios or capabilities, so matches (if that table exists) suggest no pairs here.

    const runSchedule = async () => {
      const started = await http().post(`/api/v1/events/${event.id}/schedule`).set(bearer(organizer)).expect(202);
      expect(started.body).toMatchObject({ runId: expect.any(String), jobId: expect.any(String) });
      await eventually(async () => {
        const run = await http().get(`/api/v1/events/${event.id}/schedule/runs/${started.body.runId}`).set(bearer(organizer)).expect(200);
        expect(run.body.status).toBe('succeeded');
      }, 30_000);
      const board = await http().get(`/api/v1/events/${event.id}/schedule`).set(bearer(organizer)).expect(200);
      expect(board.body.latestRun.id).toBe(started.body.runId);
      return board.body as { meetings: StoredMeeting[]; unplaced: Array<{ requestId: string; reason: string; message: string }>; latestRun: { totalPriority: number; upperBound: number; warnings: [] }; board: Array<{ slot: { id: string }; cells: Array<{ tableNo: number; meeting: StoredMeeting | null }> }> };
    };

    /** The independent validator judges what was stored, against an input the test built from what it did. */
    const validateStored = (board: Awaited<ReturnType<typeof runSchedule>>, live: typeof requests, locked: StoredMeeting[]) => {
      const input: ScheduleInput = {
        slots: event.slots.map((s) => ({ id: s.id, start: s.startsAt, end: s.endsAt })),
        tables: [{ id: '1', name: '1' }, { id: '2', name: '2' }, { id: '3', name: '3' }],
        participants: regs.map((r) => ({ id: r.id, side: r.side, maxMeetings: r.max, ...(r.available ? { availableSlotIds: r.available } : {}) })),
        requests: live.map((r) => ({ id: r.id, ownerId: r.ownerId, supplierId: r.supplierId, kind: r.kind })),
        locked: locked.map((m) => ({ requestId: m.requestKey, slotId: m.slotId, tableId: String(m.tableNo) })),
      };
      const output: ScheduleResult = {
        meetings: board.meetings.map((m) => ({ requestId: m.requestKey, ownerId: m.owner.registrationId, supplierId: m.supplier.registrationId, slotId: m.slotId, tableId: String(m.tableNo), locked: m.locked, priority: m.priority })),
        unplaced: board.unplaced.map((u) => ({ requestId: u.requestId, reason: u.reason as never, message: u.message })),
        warnings: board.latestRun.warnings,
        totalPriority: board.latestRun.totalPriority,
        upperBound: board.latestRun.upperBound,
        stats: {} as never,
      };
      expect(validateSchedule(input, output)).toEqual([]);
      for (const m of board.meetings) {
        const slot = event.slots.find((s) => s.id === m.slotId)!;
        expect([m.startsAt, m.endsAt]).toEqual([slot.startsAt, slot.endsAt]);
      }
    };

    const first = await runSchedule();
    validateStored(first, requests, []);
    expect(first.meetings.length).toBeGreaterThanOrEqual(8);
    expect(first.meetings.find((m) => m.kind === 'mutual')).toBeDefined();
    expect(first.unplaced.every((u) => /[\u4e00-\u9fa5]/.test(u.message))).toBe(true);
    expect(first.board).toHaveLength(5);
    expect(first.board.flatMap((r) => r.cells).filter((c) => c.meeting).length).toBe(first.meetings.length);

    // Reminders: two delayed jobs per meeting, 24 h and 1 h before it.
    const queue = stack.app.get(EventsProducer).queue;
    for (const m of first.meetings) {
      for (const minutes of [1440, 60]) {
        const job = await queue.getJob(meetingReminderJobId(m.id, minutes, new Date(m.startsAt)));
        expect(job).toBeDefined();
        expect(job!.data).toEqual({ meetingId: m.id, minutesBefore: minutes });
        const expected = new Date(m.startsAt).getTime() - minutes * 60_000 - job!.timestamp;
        expect(Math.abs(job!.opts.delay! - expected)).toBeLessThan(5_000);
      }
    }

    // Lock one meeting; move another to a free cell (which locks it too); clashes are refused.
    const toLock = first.meetings[0];
    await http().patch(`/api/v1/events/${event.id}/meetings/${toLock.id}`).set(bearer(organizer)).send({ locked: true }).expect(200);

    await http().patch(`/api/v1/events/${event.id}/meetings/${toLock.id}`).set(bearer(owners[0])).send({ locked: true }).expect(403);
    const busy = (slotId: string, m: StoredMeeting) => first.meetings.some((x) => x.id !== m.id && x.slotId === slotId && (x.owner.registrationId === m.owner.registrationId || x.supplier.registrationId === m.supplier.registrationId));
    const canAttend = (slotId: string, m: StoredMeeting) => [m.owner.registrationId, m.supplier.registrationId].every((id) => regs.find((r) => r.id === id)!.available?.includes(slotId) ?? true);
    const freeCells = first.board.flatMap((row) => row.cells.filter((c) => !c.meeting).map((c) => ({ slotId: row.slot.id, tableNo: c.tableNo })));
    const freeFor = (m: StoredMeeting) => freeCells.find((c) => c.slotId !== m.slotId && !busy(c.slotId, m) && canAttend(c.slotId, m));
    const toMove = first.meetings.find((m) => m.id !== toLock.id && freeFor(m))!;
    expect(toMove).toBeDefined();
    const free = freeFor(toMove);
    const occupied = first.meetings.find((m) => m.id !== toMove.id && m.slotId !== toMove.slotId)!;
    const clash = await http().patch(`/api/v1/events/${event.id}/meetings/${toMove.id}`).set(bearer(organizer)).send({ slotId: occupied.slotId, tableNo: occupied.tableNo }).expect(409);
    expect(clash.body.detail).toMatch(/已有洽谈|已有其他洽谈|未报名该时段/);
    const moved = await http().patch(`/api/v1/events/${event.id}/meetings/${toMove.id}`).set(bearer(organizer)).send({ ...free, onlineUrl: 'https://meeting.example.cn/r/1' }).expect(200);
    expect(moved.body).toMatchObject({ slotId: free!.slotId, tableNo: free!.tableNo, locked: true, onlineUrl: 'https://meeting.example.cn/r/1' });
    expect(await queue.getJob(meetingReminderJobId(toMove.id, 60, new Date(toMove.startsAt)))).toBeUndefined();
    expect(await queue.getJob(meetingReminderJobId(toMove.id, 60, new Date(moved.body.startsAt)))).toBeDefined();
    expect(await queue.getJob(meetingReminderJobId(toMove.id, 1440, new Date(moved.body.startsAt)))).toBeDefined();

    const second = await runSchedule();
    const locked = second.meetings.filter((m) => m.locked);
    expect(locked.map((m) => [m.id, m.slotId, m.tableNo]).sort()).toEqual(
      [
        [toLock.id, toLock.slotId, toLock.tableNo],
        [toMove.id, free!.slotId, free!.tableNo],
      ].sort(),
    );
    validateStored(second, requests, locked);

    // Cancel a meeting: its reminders go, and a re-run does not bring the pair back.
    const victim = second.meetings.find((m) => !m.locked)!;
    await http().post(`/api/v1/events/${event.id}/meetings/${victim.id}/cancel`).set(bearer(organizer)).expect(200);
    for (const minutes of [1440, 60]) expect(await queue.getJob(meetingReminderJobId(victim.id, minutes, new Date(victim.startsAt)))).toBeUndefined();
    await http().post(`/api/v1/events/${event.id}/meetings/${victim.id}/cancel`).set(bearer(organizer)).expect(409);
    const third = await runSchedule();
    const remaining = requests.filter((r) => r.id !== victim.requestKey);
    validateStored(third, remaining, third.meetings.filter((m) => m.locked));
    expect(third.meetings.find((m) => m.requestKey === victim.requestKey)).toBeUndefined();
    expect(third.meetings.filter((m) => m.locked)).toHaveLength(2);
    const stored = await stack.dataSource.getRepository(Meeting).find({ where: { eventId: event.id, status: 'scheduled' } });
    expect(stored).toHaveLength(third.meetings.length);
    for (const m of stored) expect(await queue.getJob(meetingReminderJobId(m.id, 60, m.startsAt))).toBeDefined();

    // Agenda and calendar per participant.
    const owner0 = ownerRegs[0];
    const agenda = await http().get(`/api/v1/events/${event.id}/agenda`).set(bearer(owner0.account)).expect(200);
    const mine = third.meetings.filter((m) => m.owner.registrationId === owner0.id);
    expect(agenda.body.items.map((i: { meeting: { id: string } }) => i.meeting.id).sort()).toEqual(mine.map((m) => m.id).sort());
    const ics = await http().get(`/api/v1/events/${event.id}/agenda.ics`).set(bearer(owner0.account)).expect(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.text.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(ics.text.match(/BEGIN:VEVENT/g) ?? []).toHaveLength(mine.length);
    const icsTime = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    for (const m of mine) {
      expect(ics.text).toContain(`DTSTART:${icsTime(m.startsAt)}`);
      expect(ics.text).toContain(`DTEND:${icsTime(m.endsAt)}`);
      expect(ics.text).toContain(`UID:${m.id}@scenario-exchange`);
    }
    await http().get(`/api/v1/events/${event.id}/agenda.ics`).set(bearer((await createParticipants(stack, 'owner', 1))[0])).expect(404);
    const ownView = await http().get(`/api/v1/events/${event.id}/meetings`).set(bearer(owner0.account)).expect(200);
    expect(ownView.body.items.every((m: StoredMeeting) => m.owner.registrationId === owner0.id)).toBe(true);

    // Excel export of the whole schedule.
    await http().get(`/api/v1/events/${event.id}/schedule.xlsx`).set(bearer(owner0.account)).expect(403);
    const xlsx = await http()
      .get(`/api/v1/events/${event.id}/schedule.xlsx`)
      .set(bearer(organizer))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('洽谈排期')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(SCHEDULE_EXPORT_HEADERS);
    expect(sheet.rowCount).toBe(third.meetings.length + 1);
    const exportedSlots = [];
    for (let i = 2; i <= sheet.rowCount; i++) exportedSlots.push(`${sheet.getRow(i).getCell(1).value}|${sheet.getRow(i).getCell(4).value}`);
    expect(exportedSlots.sort()).toEqual(third.meetings.map((m) => `${m.slotId}|第 ${m.tableNo} 桌`).sort());
    expect(workbook.getWorksheet('未安排')!.rowCount).toBe(third.unplaced.length + 1);

    // Outcomes: only after the meeting started, only by its parties.
    const met = mine[0];
    await http().post(`/api/v1/events/${event.id}/meetings/${met.id}/outcome`).set(bearer(owner0.account)).send({ happened: true, outcome: '达成合作意向' }).expect(409);
    await stack.dataSource.query(`UPDATE meetings SET starts_at = now() - interval '30 minutes', ends_at = now() - interval '10 minutes' WHERE id = $1`, [met.id]);
    await http().post(`/api/v1/events/${event.id}/meetings/${met.id}/outcome`).set(bearer(owner0.account)).send({ happened: true, outcome: '随便聊聊' }).expect(400);
    const stranger = regs.find((r) => r.side === 'supplier' && r.id !== met.supplier.registrationId)!;
    await http().post(`/api/v1/events/${event.id}/meetings/${met.id}/outcome`).set(bearer(stranger.account)).send({ happened: false }).expect(404);
    const supplierOfMet = regs.find((r) => r.id === met.supplier.registrationId)!;
    const [{ t: matchesTable }] = await stack.dataSource.query(`SELECT to_regclass('public.matches')::text AS t`);
    let matchId: string | null = null;
    if (matchesTable) {
      // A match linking the two organizations moves to `meeting` once the meeting happened.
      const [scenario] = await stack.dataSource.query(`INSERT INTO scenarios (organization_id, title, status) VALUES ($1, '园区巡检', 'published') RETURNING id`, [owner0.account.organizationId]);
      const [capability] = await stack.dataSource.query(`INSERT INTO capabilities (organization_id, title, status) VALUES ($1, '巡检机器人', 'published') RETURNING id`, [supplierOfMet.account.organizationId]);
      const [match] = await stack.dataSource.query(
        `INSERT INTO matches (scenario_id, capability_id, score, breakdown, explanation, scoring_version, scenario_version, capability_version) VALUES ($1, $2, 0.8, '[]', '测试', 't', 1, 1) RETURNING id`,
        [scenario.id, capability.id],
      );
      matchId = match.id;
      const suggested = await http().get(`${url}/suggestions`).set(bearer(owner0.account)).expect(200);
      expect(suggested.body.items).toEqual([expect.objectContaining({ registrationId: supplierOfMet.id, matchScore: 0.8 })]);
    }
    await http().post(`/api/v1/events/${event.id}/meetings/${met.id}/outcome`).set(bearer(owner0.account)).send({ happened: true, outcome: '达成合作意向', note: '下月踏勘' }).expect(200);
    if (matchId) {
      const [{ status }] = await stack.dataSource.query(`SELECT status FROM matches WHERE id = $1`, [matchId]);
      expect(status).toBe('meeting');
    }
    const both = await http().post(`/api/v1/events/${event.id}/meetings/${met.id}/outcome`).set(bearer(supplierOfMet.account)).send({ happened: true, outcome: '继续洽谈' }).expect(200);
    expect(both.body.outcomes.map((o: { side: string; outcome: string }) => `${o.side}:${o.outcome}`).sort()).toEqual(['owner:达成合作意向', 'supplier:继续洽谈']);
  }, 120_000);

  it('refuses scheduling to anyone but the managing organizer', async () => {
    const event = await createPublishedEvent(stack, organizer);
    const [owner] = await createParticipants(stack, 'owner', 1);
    const stranger = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
    await http().post(`/api/v1/events/${event.id}/schedule`).set(bearer(owner)).expect(403);
    await http().post(`/api/v1/events/${event.id}/schedule`).set(bearer(stranger)).expect(404);
    await http().get(`/api/v1/events/${event.id}/schedule`).set(bearer(stranger)).expect(404);
    await http().post(`/api/v1/events/not-a-uuid/schedule`).set(bearer(organizer)).expect(400);
  });
});
