import { EventRegistration, MeetingRequestRecord } from '@app/database';
import { EventsProducer } from '@app/queue';
import request from 'supertest';
import { expireMeetingRequestJobId, meetingRequestReminderJobId } from '@app/events';
import { createParticipants, createPublishedEvent, eventPayload, registerFor } from './support/events-fixtures';
import { bearer, createStaffAccount, TestAccount } from './support/fixtures';
import { eventually, startTestStack, TestStack } from './support/test-app';

describe('Events: registration, meeting requests, roadshow, experience (e2e)', () => {
  let stack: TestStack;
  let organizer: TestAccount;
  let otherOrganizer: TestAccount;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await startTestStack({ worker: true });
    organizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330200' });
    otherOrganizer = await createStaffAccount(stack.app, stack.dataSource, { role: 'organizer', jurisdiction: '330100' });
  });

  afterAll(async () => {
    await stack.close();
  });

  it('lets organizers create events only in their jurisdiction and hides drafts from others', async () => {
    await http().post('/api/v1/events').set(bearer(organizer)).send(eventPayload({ regionCode: '330106' })).expect(403);
    const [owner] = await createParticipants(stack, 'owner', 1);
    await http().post('/api/v1/events').set(bearer(owner)).send(eventPayload()).expect(403);
    const bad = await http().post('/api/v1/events').set(bearer(organizer)).send(eventPayload({ slotMinutes: 3, days: [{ date: '2026-13-01', start: '9:00', end: '11:00' }] })).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['slotMinutes', 'days[0].date', 'days[0].start']));

    const draft = await http().post('/api/v1/events').set(bearer(organizer)).send(eventPayload()).expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', typeLabel: '场景对接会' });
    // 09:00–11:00 in 20-minute slots with a 10:00–10:20 break.
    expect(draft.body.slots.map((s: { id: string }) => s.id.slice(11))).toEqual(['09:00', '09:20', '09:40', '10:20', '10:40']);
    await http().get(`/api/v1/events/${draft.body.id}`).expect(404);
    await http().get(`/api/v1/events/${draft.body.id}`).set(bearer(otherOrganizer)).expect(404);
    await http().patch(`/api/v1/events/${draft.body.id}`).set(bearer(otherOrganizer)).send({ title: '别人的活动' }).expect(404);
    await http().post(`/api/v1/events/${draft.body.id}/publish`).set(bearer(otherOrganizer)).expect(404);
    const list = await http().get('/api/v1/events').expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).not.toContain(draft.body.id);

    await http().patch(`/api/v1/events/${draft.body.id}`).set(bearer(organizer)).send({ title: '修改后的对接会标题' }).expect(200);
    await http().post(`/api/v1/events/${draft.body.id}/publish`).set(bearer(organizer)).expect(200);
    const again = await http().post(`/api/v1/events/${draft.body.id}/publish`).set(bearer(organizer)).expect(409);
    expect(again.body.allowed).toEqual(expect.arrayContaining(['cancel（取消）']));
    const pub = await http().get(`/api/v1/events/${draft.body.id}`).expect(200);
    expect(pub.body.title).toBe('修改后的对接会标题');
    const audit = await stack.dataSource.query(`SELECT action FROM audit_entries WHERE entity_id = $1 ORDER BY id`, [draft.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['event.created', 'event.updated', 'event.publish']);
  });

  it('seats exactly the capacity under 100 concurrent registrations and promotes the waiting list in order', async () => {
    const event = await createPublishedEvent(stack, organizer, { capacitySupplier: 50, capacityOwner: 5 });
    const suppliers = await createParticipants(stack, 'supplier', 100);
    const responses = await Promise.all(
      suppliers.map((s) => http().post(`/api/v1/events/${event.id}/registrations`).set(bearer(s)).send({ attendees: [{ name: '王五' }] })),
    );
    expect(responses.map((r) => r.status).every((s) => s === 201)).toBe(true);
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(50);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(50);

    const rows = await stack.dataSource.getRepository(EventRegistration).find({ where: { eventId: event.id } });
    const seq = (r: EventRegistration) => Number(r.seq);
    const registered = rows.filter((r) => r.status === 'registered');
    const waitlisted = rows.filter((r) => r.status === 'waitlisted').sort((a, b) => seq(a) - seq(b));
    // Arrival order: every seated registration arrived before every waiting one.
    expect(Math.max(...registered.map(seq))).toBeLessThan(Math.min(...waitlisted.map(seq)));
    const [{ registered_supplier_count }] = await stack.dataSource.query(`SELECT registered_supplier_count FROM events WHERE id = $1`, [event.id]);
    expect(registered_supplier_count).toBe(50);

    // The database itself refuses a 51st seat.
    await expect(stack.dataSource.query(`UPDATE events SET registered_supplier_count = 51 WHERE id = $1`, [event.id])).rejects.toThrow(/ck_events_supplier_capacity/);

    const again = await http().post(`/api/v1/events/${event.id}/registrations`).set(bearer(suppliers[0])).send({ attendees: [{ name: '王五' }] }).expect(409);
    expect(again.body.detail).toContain('已报名');

    const leaving = registered[0];
    const leaver = suppliers.find((s) => s.organizationId === leaving.organizationId)!;
    await http().post(`/api/v1/events/${event.id}/registrations/${leaving.id}/cancel`).set(bearer(suppliers.find((s) => s !== leaver)!)).expect(404);
    await http().post(`/api/v1/events/${event.id}/registrations/${leaving.id}/cancel`).set(bearer(leaver)).expect(200);
    const promoted = await stack.dataSource.getRepository(EventRegistration).findOneByOrFail({ id: waitlisted[0].id });
    expect(promoted.status).toBe('registered');
    expect(promoted.promotedAt).not.toBeNull();
    const stillWaiting = await stack.dataSource.getRepository(EventRegistration).findOneByOrFail({ id: waitlisted[1].id });
    expect(stillWaiting.status).toBe('waitlisted');
    const counts = await stack.dataSource.query(`SELECT status, count(*)::int AS n FROM event_registrations WHERE event_id = $1 GROUP BY status ORDER BY status`, [event.id]);
    expect(counts).toEqual([{ status: 'cancelled', n: 1 }, { status: 'registered', n: 50 }, { status: 'waitlisted', n: 49 }]);
    const promotedUser = suppliers.find((s) => s.organizationId === promoted.organizationId)!;
    const note = await http().get('/api/v1/notifications').set(bearer(promotedUser)).expect(200);
    expect(note.body.items.map((n: { kind: string }) => n.kind)).toContain('event.registration.promoted');
    await http().post(`/api/v1/events/${event.id}/registrations/${leaving.id}/cancel`).set(bearer(leaver)).expect(409);

    // The other side's list: registered only, with no private fields; strangers are refused.
    const owner = (await createParticipants(stack, 'owner', 1))[0];
    await http().get(`/api/v1/events/${event.id}/registrations`).set(bearer(owner)).expect(403);
    await registerFor(stack, event.id, owner);
    const seen = await http().get(`/api/v1/events/${event.id}/registrations`).set(bearer(owner)).expect(200);
    expect(seen.body.items).toHaveLength(50);
    expect(seen.body.items.every((r: { side: string; checkInCode: string | null; status: string }) => r.side === 'supplier' && r.checkInCode === null && r.status === 'registered')).toBe(true);
    expect(seen.body.items[0].capabilities).toEqual([]);
    const all = await http().get(`/api/v1/events/${event.id}/registrations`).set(bearer(organizer)).query({ status: 'waitlisted' }).expect(200);
    expect(all.body.items).toHaveLength(49);
    expect(all.body.items[0].checkInCode).toMatch(/^[A-Z2-9]{8}$/);
  }, 60_000);

  it('runs meeting requests: send, accept, decline, mutual, expiry that frees the requester', async () => {
    const event = await createPublishedEvent(stack, organizer, { maxMeetingsPerParticipant: 3, requestExpiryDays: 3 });
    const [ownerA, ownerE] = await createParticipants(stack, 'owner', 2);
    const [supB, supC, supD] = await createParticipants(stack, 'supplier', 3);
    const regA = await registerFor(stack, event.id, ownerA);
    const regE = await registerFor(stack, event.id, ownerE, { maxMeetings: 1 });
    const regB = await registerFor(stack, event.id, supB);
    const regC = await registerFor(stack, event.id, supC);
    const regD = await registerFor(stack, event.id, supD);
    const queue = stack.app.get(EventsProducer).queue;
    const url = `/api/v1/events/${event.id}/meeting-requests`;

    const sent = await http().post(url).set(bearer(ownerA)).send({ toRegistrationId: regB.id, message: '想交流巡检机器人' }).expect(201);
    expect(sent.body).toMatchObject({ status: 'pending', mutual: false, from: { registrationId: regA.id }, to: { registrationId: regB.id } });
    const expiry = await queue.getJob(expireMeetingRequestJobId(sent.body.id));
    expect(expiry).toBeDefined();
    expect(Math.abs(expiry!.opts.delay! - 3 * 24 * 3600_000)).toBeLessThan(60_000);
    const reminder = await queue.getJob(meetingRequestReminderJobId(sent.body.id));
    expect(Math.abs(reminder!.opts.delay! - 2 * 24 * 3600_000)).toBeLessThan(60_000);
    await http().post(url).set(bearer(ownerA)).send({ toRegistrationId: regB.id }).expect(409);
    await http().post(url).set(bearer(ownerA)).send({ toRegistrationId: regE.id }).expect(404);

    await http().post(`${url}/${sent.body.id}/accept`).set(bearer(ownerA)).expect(403);
    await http().post(`${url}/${sent.body.id}/accept`).set(bearer(supC)).expect(404);
    const accepted = await http().post(`${url}/${sent.body.id}/accept`).set(bearer(supB)).expect(200);
    expect(accepted.body.status).toBe('accepted');
    expect(await queue.getJob(expireMeetingRequestJobId(sent.body.id))).toBeUndefined();
    expect(await queue.getJob(meetingRequestReminderJobId(sent.body.id))).toBeUndefined();
    await http().post(`${url}/${sent.body.id}/decline`).set(bearer(supB)).expect(409);
    const incoming = await http().get(url).set(bearer(ownerA)).query({ direction: 'incoming' }).expect(200);
    expect(incoming.body.items).toEqual([]);
    const received = await http().get('/api/v1/notifications').set(bearer(supB)).expect(200);
    expect(received.body.items.map((n: { kind: string }) => n.kind)).toContain('meeting_request.received');

    const toC = await http().post(url).set(bearer(ownerA)).send({ toRegistrationId: regC.id }).expect(201);
    const declined = await http().post(`${url}/${toC.body.id}/decline`).set(bearer(supC)).expect(200);
    expect(declined.body.status).toBe('declined');
    expect(await queue.getJob(expireMeetingRequestJobId(toC.body.id))).toBeUndefined();

    // D asks A, then A asks D: one mutual request instead of two.
    const fromD = await http().post(url).set(bearer(supD)).send({ toRegistrationId: regA.id }).expect(201);
    const mutual = await http().post(url).set(bearer(ownerA)).send({ toRegistrationId: regD.id }).expect(201);
    expect(mutual.body).toMatchObject({ id: fromD.body.id, status: 'accepted', mutual: true });

    // E may have one live request; when it expires unanswered, E is free to ask someone else.
    const fromE = await http().post(url).set(bearer(ownerE)).send({ toRegistrationId: regB.id }).expect(201);
    const limit = await http().post(url).set(bearer(ownerE)).send({ toRegistrationId: regC.id }).expect(409);
    expect(limit.body.detail).toContain('上限');
    await stack.app.get(EventsProducer).queue.getJob(expireMeetingRequestJobId(fromE.body.id)).then((job) => job!.promote()).catch(() => undefined);
    await eventually(async () => {
      // Promoted before its deadline: the job must leave it pending.
      const job = await queue.getJob(expireMeetingRequestJobId(fromE.body.id));
      expect(job ? await job.getState() : 'removed').not.toMatch(/delayed|waiting|active/);
    });
    expect((await stack.dataSource.getRepository(MeetingRequestRecord).findOneByOrFail({ id: fromE.body.id })).status).toBe('pending');
    await stack.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 minute' WHERE id = $1`, [fromE.body.id]);
    await http().post(`${url}/${fromE.body.id}/accept`).set(bearer(supB)).expect(409);
    await queue.add('expire-meeting-request', { requestId: fromE.body.id }, { jobId: `${expireMeetingRequestJobId(fromE.body.id)}__again` });
    await eventually(async () => expect((await stack.dataSource.getRepository(MeetingRequestRecord).findOneByOrFail({ id: fromE.body.id })).status).toBe('expired'));
    const notes = await http().get('/api/v1/notifications').set(bearer(ownerE)).expect(200);
    expect(notes.body.items.map((n: { kind: string }) => n.kind)).toContain('meeting_request.expired');
    await http().post(url).set(bearer(ownerE)).send({ toRegistrationId: regC.id }).expect(201);

    const suggestions = await http().get(`${url}/suggestions`).set(bearer(ownerA)).expect(200);
    expect(suggestions.body.items).toEqual([]);
    const all = await http().get(url).set(bearer(organizer)).expect(200);
    expect(all.body.items).toHaveLength(5);
    await http().get(url).set(bearer(otherOrganizer)).expect(404);
  });

  it('checks participants in by code and records no-shows when the event ends', async () => {
    const event = await createPublishedEvent(stack, organizer);
    const [owner1, owner2] = await createParticipants(stack, 'owner', 2);
    const reg1 = await registerFor(stack, event.id, owner1);
    await registerFor(stack, event.id, owner2);
    await http().post(`/api/v1/events/${event.id}/registrations/check-in`).set(bearer(owner1)).send({ code: reg1.checkInCode }).expect(403);
    await http().post(`/api/v1/events/${event.id}/registrations/check-in`).set(bearer(otherOrganizer)).send({ code: reg1.checkInCode }).expect(404);
    await http().post(`/api/v1/events/${event.id}/registrations/check-in`).set(bearer(organizer)).send({ code: 'ZZZZZZZZ' }).expect(404);
    const checked = await http().post(`/api/v1/events/${event.id}/registrations/check-in`).set(bearer(organizer)).send({ code: reg1.checkInCode.toLowerCase() }).expect(200);
    expect(checked.body.checkedInAt).toEqual(expect.any(String));
    const done = await http().post(`/api/v1/events/${event.id}/complete`).set(bearer(organizer)).expect(200);
    expect(done.body).toMatchObject({ noShows: 1, event: { status: 'completed' } });
    const rows = await http().get(`/api/v1/events/${event.id}/registrations`).set(bearer(organizer)).expect(200);
    expect(rows.body.items.map((r: { id: string; noShow: boolean }) => [r.id === reg1.id, r.noShow]).sort()).toEqual([[false, true], [true, false]]);
  });

  it('orders roadshow pitches and shows the score ranking only to the organizer', async () => {
    const event = await createPublishedEvent(stack, organizer, { type: 'roadshow', slotMinutes: 15, tableCount: 1 });
    const [s1, s2, s3] = await createParticipants(stack, 'supplier', 3);
    const [o1, o2, outsider] = await createParticipants(stack, 'owner', 3);
    const r1 = await registerFor(stack, event.id, s1);
    const r2 = await registerFor(stack, event.id, s2);
    await registerFor(stack, event.id, s3);
    await registerFor(stack, event.id, o1);
    await registerFor(stack, event.id, o2);
    const order = await http().put(`/api/v1/events/${event.id}/roadshow/pitches`).set(bearer(organizer)).send({ items: [{ registrationId: r2.id, title: '巡检机器人' }, { registrationId: r1.id, title: '灵巧手' }] }).expect(200);
    expect(order.body.items.map((p: { registrationId: string; position: number }) => [p.registrationId, p.position])).toEqual([[r2.id, 1], [r1.id, 2]]);
    expect(new Date(order.body.items[1].startsAt).getTime() - new Date(order.body.items[0].startsAt).getTime()).toBe(15 * 60_000);
    expect(order.body.rubric).toEqual(['技术先进性', '场景契合度', '落地可行性', '团队能力']);
    await http().put(`/api/v1/events/${event.id}/roadshow/pitches`).set(bearer(s1)).send({ items: [{ registrationId: r1.id }] }).expect(403);
    await http().put(`/api/v1/events/${event.id}/roadshow/pitches`).set(bearer(organizer)).send({ items: [{ registrationId: (await registerFor(stack, event.id, (await createParticipants(stack, 'owner', 1))[0])).id }] }).expect(400);
    const [pitch2, pitch1] = order.body.items;

    const score = (who: TestAccount, pitch: { id: string }, s: number[]) =>
      http().post(`/api/v1/events/${event.id}/roadshow/pitches/${pitch.id}/scores`).set(bearer(who)).send({ technology: s[0], scenarioFit: s[1], feasibility: s[2], team: s[3] });
    await score(o1, pitch1, [9, 9, 8, 8]).expect(200);
    await score(o2, pitch1, [8, 9, 9, 10]).expect(200);
    await score(o1, pitch2, [5, 6, 5, 6]).expect(200);
    await score(o1, pitch2, [6, 6, 6, 6]).expect(200);
    await score(o1, pitch2, [11, 6, 6, 6]).expect(400);
    await score(s3, pitch1, [10, 10, 10, 10]).expect(403);
    await score(outsider, pitch1, [1, 1, 1, 1]).expect(403);

    for (const who of [o1, s1, outsider]) await http().get(`/api/v1/events/${event.id}/roadshow/ranking`).set(bearer(who)).expect(403);
    await http().get(`/api/v1/events/${event.id}/roadshow/ranking`).expect(401);
    await http().get(`/api/v1/events/${event.id}/roadshow/ranking`).set(bearer(otherOrganizer)).expect(404);
    const ranking = await http().get(`/api/v1/events/${event.id}/roadshow/ranking`).set(bearer(organizer)).expect(200);
    expect(ranking.body.items.map((e: { rank: number; pitch: { id: string }; scoreCount: number; average: number }) => [e.rank, e.pitch.id, e.scoreCount, e.average])).toEqual([
      [1, pitch1.id, 2, 8.75],
      [2, pitch2.id, 1, 6],
    ]);
    const publicOrder = await http().get(`/api/v1/events/${event.id}/roadshow/pitches`).expect(200);
    expect(JSON.stringify(publicOrder.body)).not.toContain('average');
  });

  it('offers the organizer registered suppliers as pitch candidates, matched to the audience first, and shows each scorer their own scores', async () => {
    const event = await createPublishedEvent(stack, organizer, { type: 'roadshow', slotMinutes: 15, tableCount: 1 });
    const [plain, matched, waiting] = await createParticipants(stack, 'supplier', 3);
    const [audience, other] = await createParticipants(stack, 'owner', 2);
    const rPlain = await registerFor(stack, event.id, plain);
    const rMatched = await registerFor(stack, event.id, matched);
    await registerFor(stack, event.id, audience);
    await registerFor(stack, event.id, other);
    await stack.dataSource.query(`UPDATE events SET capacity_supplier = registered_supplier_count WHERE id = $1`, [event.id]);
    expect((await registerFor(stack, event.id, waiting)).status).toBe('waitlisted');
    const [scenario] = await stack.dataSource.query(`INSERT INTO scenarios (organization_id, title, status) VALUES ($1, '园区夜间巡检', 'published') RETURNING id`, [audience.organizationId]);
    const [capability] = await stack.dataSource.query(`INSERT INTO capabilities (organization_id, title, status) VALUES ($1, '四足巡检机器人', 'published') RETURNING id`, [matched.organizationId]);
    await stack.dataSource.query(
      `INSERT INTO matches (scenario_id, capability_id, score, breakdown, explanation, scoring_version, scenario_version, capability_version) VALUES ($1, $2, 0.76, '[]', '测试', 't', 1, 1)`,
      [scenario.id, capability.id],
    );
    const url = `/api/v1/events/${event.id}/roadshow`;

    const candidates = await http().get(`${url}/candidates`).set(bearer(organizer)).expect(200);
    expect(candidates.body.items.map((c: { registrationId: string; matchScore: number | null; matchedOwnerCount: number }) => [c.registrationId, c.matchScore, c.matchedOwnerCount])).toEqual([
      [rMatched.id, 0.76, 1],
      [rPlain.id, null, 0],
    ]);
    expect(candidates.body.items[0].capabilities).toEqual([expect.objectContaining({ id: capability.id, title: '四足巡检机器人' })]);
    for (const who of [audience, plain]) await http().get(`${url}/candidates`).set(bearer(who)).expect(403);
    await http().get(`${url}/candidates`).set(bearer(otherOrganizer)).expect(404);
    const matchmaking = await createPublishedEvent(stack, organizer);
    await http().get(`/api/v1/events/${matchmaking.id}/roadshow/candidates`).set(bearer(organizer)).expect(403);

    const order = await http().put(`${url}/pitches`).set(bearer(organizer)).send({ items: [{ registrationId: rMatched.id }, { registrationId: rPlain.id }] }).expect(200);
    expect((await http().get(`${url}/candidates`).set(bearer(organizer)).expect(200)).body.items.map((c: { pitchPosition: number }) => c.pitchPosition)).toEqual([1, 2]);
    const [first, second] = order.body.items;
    await http().post(`${url}/pitches/${first.id}/scores`).set(bearer(audience)).send({ technology: 8, scenarioFit: 9, feasibility: 7, team: 8, comment: '建议先在一个园区试点' }).expect(200);
    await http().post(`${url}/pitches/${second.id}/scores`).set(bearer(other)).send({ technology: 5, scenarioFit: 5, feasibility: 5, team: 5 }).expect(200);
    const mine = await http().get(`${url}/scores/mine`).set(bearer(audience)).expect(200);
    expect(mine.body.items).toEqual([{ pitchId: first.id, technology: 8, scenarioFit: 9, feasibility: 7, team: 8, comment: '建议先在一个园区试点' }]);
    expect((await http().get(`${url}/scores/mine`).set(bearer(other)).expect(200)).body.items.map((s: { pitchId: string }) => s.pitchId)).toEqual([second.id]);
    await http().get(`${url}/scores/mine`).set(bearer(plain)).expect(403);
    await http().get(`${url}/scores/mine`).expect(401);
  });

  it('runs an experience visit with capacity, meeting point and attendee list', async () => {
    const meetingTime = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    const event = await createPublishedEvent(stack, organizer, { type: 'experience', capacityOwner: 2, capacitySupplier: 0, meetingPoint: '研发园 A 幢大堂', meetingTime });
    const owners = await createParticipants(stack, 'owner', 3);
    const regs = [];
    for (const o of owners) regs.push(await registerFor(stack, event.id, o, { attendees: [{ name: `参观人${regs.length}` }] }));
    expect(regs.map((r) => r.status)).toEqual(['registered', 'registered', 'waitlisted']);
    const [supplier] = await createParticipants(stack, 'supplier', 1);
    expect((await http().post(`/api/v1/events/${event.id}/registrations`).set(bearer(supplier)).send({ attendees: [{ name: '甲' }] }).expect(201)).body.status).toBe('waitlisted');
    const attendees = await http().get(`/api/v1/events/${event.id}/registrations`).set(bearer(organizer)).query({ status: 'registered' }).expect(200);
    expect(attendees.body.items.map((r: { attendees: Array<{ name: string }> }) => r.attendees[0].name)).toEqual(['参观人0', '参观人1']);
    const detail = await http().get(`/api/v1/events/${event.id}`).expect(200);
    expect(detail.body).toMatchObject({ type: 'experience', typeLabel: '场景体验', meetingPoint: '研发园 A 幢大堂', meetingTime });
    const ics = await http().get(`/api/v1/events/${event.id}/agenda.ics`).set(bearer(owners[0])).expect(200);
    expect(ics.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics.text).toContain('LOCATION:研发园 A 幢大堂');
    await http().get(`/api/v1/events/${event.id}/agenda.ics`).set(bearer(owners[2])).expect(404);
    await http().post(`/api/v1/events/${event.id}/meeting-requests`).set(bearer(owners[0])).send({ toRegistrationId: regs[1].id }).expect(403);
  });

  it("lists my organization's registrations across events in one paginated request, never another organization's", async () => {
    const [ownerA, ownerB] = await createParticipants(stack, 'owner', 2);
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await createPublishedEvent(stack, organizer, { title: `本单位活动列表${i}` }));
    const regs = [];
    for (const e of events) regs.push(await registerFor(stack, e.id, ownerA));
    await registerFor(stack, events[0].id, ownerB);
    // A registration the organization cancelled, and one for an event the organizer cancelled, are not "mine" any more.
    await http().post(`/api/v1/events/${events[3].id}/registrations/${regs[3].id}/cancel`).set(bearer(ownerA)).expect(200);
    await http().post(`/api/v1/events/${events[4].id}/cancel`).set(bearer(organizer)).expect(200);

    const url = '/api/v1/events/registrations/mine';
    const all = await http().get(url).set(bearer(ownerA)).expect(200);
    expect(all.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(all.body.items.map((x: { registration: { id: string } }) => x.registration.id).sort()).toEqual([regs[0].id, regs[1].id, regs[2].id].sort());
    for (const item of all.body.items) {
      expect(item.registration).toMatchObject({ organizationId: ownerA.organizationId, status: 'registered', checkInCode: expect.stringMatching(/^[A-Z2-9]{8}$/) });
      expect(item.event.id).toBe(item.registration.eventId);
      expect(item.event.title).toMatch(/^本单位活动列表[0-2]$/);
    }
    const first = await http().get(url).query({ pageSize: 2 }).set(bearer(ownerA)).expect(200);
    const second = await http().get(url).query({ pageSize: 2, page: 2 }).set(bearer(ownerA)).expect(200);
    expect([first.body.items.length, second.body.items.length, first.body.total]).toEqual([2, 1, 3]);
    expect(new Set([...first.body.items, ...second.body.items].map((x: { event: { id: string } }) => x.event.id)).size).toBe(3);

    const other = await http().get(url).set(bearer(ownerB)).expect(200);
    expect(other.body.items).toHaveLength(1);
    expect(other.body.items[0].registration.organizationId).toBe(ownerB.organizationId);
    expect(JSON.stringify(other.body)).not.toContain(regs[0].checkInCode);

    await http().get(url).expect(401);
    await http().get(url).set(bearer(organizer)).expect(403);
    const bad = await http().get(url).query({ pageSize: 0 }).set(bearer(ownerA)).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['pageSize']);
  });
});
