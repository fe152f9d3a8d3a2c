import { EventRegistration, ExchangeEvent, Meeting, MeetingKind, MeetingRequestRecord } from '@app/database';
import type { LockedMeeting, MeetingRequest, ScheduleInput, ScheduleParticipant } from '@app/scheduling';
import { EntityManager, In } from 'typeorm';
import { buildEventSlots, EventSlot } from './event-slots';
import { matchedOrganizationPairs } from './matches-bridge';

export interface RequestMeta {
  kind: MeetingKind;
  meetingRequestId: string | null;
  ownerRegistrationId: string;
  supplierRegistrationId: string;
  matchScore: number | null;
}

export interface LoadedScheduleInput {
  input: ScheduleInput;
  slots: EventSlot[];
  meta: Map<string, RequestMeta>;
}

export const tableIdOf = (tableNo: number): string => String(tableNo);
export const tableNameOf = (tableNo: number): string => `第 ${tableNo} 桌`;
export const suggestedRequestKey = (ownerRegistrationId: string, supplierRegistrationId: string): string => `match__${ownerRegistrationId}__${supplierRegistrationId}`;

/**
 * What the scheduler sees for an event, read from the database: slots from the days, slot length and breaks;
 * registered organizations with their availability and maximum; accepted (or mutual) requests; pairs suggested
 * by matches (unless declined, withdrawn or cancelled by the organizer); and the organizer's locked meetings.
 */
export async function loadScheduleInput(manager: EntityManager, event: ExchangeEvent): Promise<LoadedScheduleInput> {
  const slots = buildEventSlots(event);
  const registrations = await manager.find(EventRegistration, { where: { eventId: event.id, status: 'registered' }, order: { seq: 'ASC' } });
  const participants: ScheduleParticipant[] = registrations.map((r) => ({
    id: r.id,
    side: r.side,
    maxMeetings: Math.min(r.maxMeetings ?? event.maxMeetingsPerParticipant, event.maxMeetingsPerParticipant),
    ...(r.availableSlotIds ? { availableSlotIds: r.availableSlotIds } : {}),
  }));
  const registered = new Set(registrations.map((r) => r.id));
  const pairKey = (o: string, s: string) => `${o}\u0000${s}`;

  const requests: MeetingRequest[] = [];
  const meta = new Map<string, RequestMeta>();
  const accepted = await manager.find(MeetingRequestRecord, { where: { eventId: event.id, status: 'accepted' }, order: { createdAt: 'ASC', id: 'ASC' } });
  const covered = new Set<string>();
  for (const r of accepted) {
    if (!registered.has(r.ownerRegistrationId) || !registered.has(r.supplierRegistrationId)) continue;
    const kind: MeetingKind = r.mutual ? 'mutual' : 'accepted';
    requests.push({ id: r.id, ownerId: r.ownerRegistrationId, supplierId: r.supplierRegistrationId, kind });
    meta.set(r.id, { kind, meetingRequestId: r.id, ownerRegistrationId: r.ownerRegistrationId, supplierRegistrationId: r.supplierRegistrationId, matchScore: r.matchScore });
    covered.add(pairKey(r.ownerRegistrationId, r.supplierRegistrationId));
  }

  // Pairs someone said no to (or the organizer cancelled) are not suggested again.
  const refused: Array<{ o: string; s: string }> = await manager.query(
    `SELECT owner_registration_id AS o, supplier_registration_id AS s FROM meeting_requests WHERE event_id = $1 AND status IN ('declined', 'cancelled')
     UNION SELECT owner_registration_id, supplier_registration_id FROM meetings WHERE event_id = $1 AND status = 'cancelled'`,
    [event.id],
  );
  for (const r of refused) covered.add(pairKey(r.o, r.s));

  const owners = registrations.filter((r) => r.side === 'owner');
  const suppliers = registrations.filter((r) => r.side === 'supplier');
  const pairs = await matchedOrganizationPairs(manager, [...new Set(owners.map((o) => o.organizationId))], [...new Set(suppliers.map((s) => s.organizationId))]);
  const scoreOf = new Map(pairs.map((p) => [pairKey(p.ownerOrganizationId, p.supplierOrganizationId), p.score]));
  for (const o of owners) {
    for (const s of suppliers) {
      const score = scoreOf.get(pairKey(o.organizationId, s.organizationId));
      if (score === undefined || covered.has(pairKey(o.id, s.id))) continue;
      const id = suggestedRequestKey(o.id, s.id);
      requests.push({ id, ownerId: o.id, supplierId: s.id, kind: 'suggested', matchScore: score });
      meta.set(id, { kind: 'suggested', meetingRequestId: null, ownerRegistrationId: o.id, supplierRegistrationId: s.id, matchScore: score });
    }
  }

  const lockedMeetings = await manager.find(Meeting, { where: { eventId: event.id, status: 'scheduled', locked: true } });
  const locked: LockedMeeting[] = [];
  for (const m of lockedMeetings) {
    if (!meta.has(m.requestKey)) {
      // A locked meeting stands on the organizer's word even if its request has since changed.
      requests.push({ id: m.requestKey, ownerId: m.ownerRegistrationId, supplierId: m.supplierRegistrationId, kind: m.kind, ...(m.matchScore !== null ? { matchScore: m.matchScore } : {}) });
      meta.set(m.requestKey, { kind: m.kind, meetingRequestId: m.meetingRequestId, ownerRegistrationId: m.ownerRegistrationId, supplierRegistrationId: m.supplierRegistrationId, matchScore: m.matchScore });
    }
    locked.push({ requestId: m.requestKey, slotId: m.slotId, tableId: tableIdOf(m.tableNo) });
  }

  const tables = Array.from({ length: event.tableCount }, (_, i) => ({ id: tableIdOf(i + 1), name: tableNameOf(i + 1) }));
  return {
    input: { slots: slots.map((s) => ({ id: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString() })), tables, participants, requests, locked },
    slots,
    meta,
  };
}

/** Registrations by id with their organization, for names in boards, agendas and exports. */
export async function registrationsById(manager: EntityManager, ids: string[]): Promise<Map<string, EventRegistration>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await manager.find(EventRegistration, { where: { id: In(unique) }, relations: { organization: true } });
  return new Map(rows.map((r) => [r.id, r]));
}
