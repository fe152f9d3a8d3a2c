import { EventRegistration, ExchangeEvent, Meeting, MeetingRequestRecord, recordAudit, recordNotifications, usersOfOrganization } from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { formatLocal } from '@app/events';
import { tableNameOf } from '@app/events';

/** Timed work of events: meeting reminders, request reminders and request expiry. Every job is safe to run twice. */
@Injectable()
export class EventRemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async remindMeeting(meetingId: string, minutesBefore: number): Promise<{ notified: number }> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const meeting = await manager.findOneBy(Meeting, { id: meetingId });
      // A cancelled or already started meeting needs no reminder (a moved one has its own job).
      if (!meeting || meeting.status !== 'scheduled' || meeting.startsAt.getTime() <= Date.now()) return [];
      const event = await manager.findOneByOrFail(ExchangeEvent, { id: meeting.eventId });
      const regs = await manager.find(EventRegistration, { where: { id: In([meeting.ownerRegistrationId, meeting.supplierRegistrationId]) }, relations: { organization: true } });
      const ids: string[] = [];
      for (const reg of regs) {
        const other = regs.find((r) => r.id !== reg.id)?.organization?.name ?? '对方单位';
        const when = minutesBefore >= 60 ? `${minutesBefore / 60} 小时` : `${minutesBefore} 分钟`;
        ids.push(
          ...(await recordNotifications(manager, await usersOfOrganization(manager, reg.organizationId, [reg.side]), {
            kind: 'meeting.reminder',
            title: `洽谈提醒：${when}后与${other}洽谈`,
            body: `${event.title}：${formatLocal(meeting.startsAt)}，${tableNameOf(meeting.tableNo)}${event.venue ? `（${event.venue}）` : ''}${meeting.onlineUrl ? `，线上链接：${meeting.onlineUrl}` : ''}。`,
            link: `/events/${event.id}/agenda`,
            dedupeKey: `meeting-reminder:${meeting.id}:${minutesBefore}:${meeting.startsAt.getTime()}`,
          })),
        );
      }
      return ids;
    });
    await this.notifications.deliverByEmail(ids);
    return { notified: ids.length };
  }

  async remindRequest(requestId: string): Promise<{ notified: number }> {
    const ids = await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOneBy(MeetingRequestRecord, { id: requestId });
      if (!request || request.status !== 'pending') return [];
      const event = await manager.findOneByOrFail(ExchangeEvent, { id: request.eventId });
      return this.notifyRegistration(manager, request.toRegistrationId, {
        kind: 'meeting_request.expiring',
        title: `洽谈邀约即将过期：${event.title}`,
        body: `您有一条洽谈邀约将于 ${formatLocal(request.expiresAt)} 过期，请尽快接受或拒绝。`,
        link: `/events/${event.id}/meeting-requests`,
        dedupeKey: `meeting_request.expiring:${request.id}`,
      });
    });
    await this.notifications.deliverByEmail(ids);
    return { notified: ids.length };
  }

  /** Only a still-pending request past its deadline expires; an early or repeated run changes nothing. */
  async expireRequest(requestId: string): Promise<{ expired: boolean }> {
    const result = await this.dataSource.transaction(async (manager) => {
      const updated: [MeetingRequestRecord[], number] = await manager.query(
        `UPDATE meeting_requests SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'pending' AND expires_at <= now() RETURNING id, event_id, from_registration_id`,
        [requestId],
      );
      const row = updated[0][0] as unknown as { id: string; event_id: string; from_registration_id: string } | undefined;
      if (!row) return { expired: false, ids: [] as string[] };
      const event = await manager.findOneByOrFail(ExchangeEvent, { id: row.event_id });
      await recordAudit(manager, null, { action: 'meeting_request.expire', entityType: 'meeting_request', entityId: row.id, regionCode: event.regionCode, before: { status: 'pending' }, after: { status: 'expired' } });
      const ids = await this.notifyRegistration(manager, row.from_registration_id, {
        kind: 'meeting_request.expired',
        title: `洽谈邀约已过期：${event.title}`,
        body: '对方未在期限内回复，邀约已失效。您可以向其他参会单位发起邀约。',
        link: `/events/${event.id}/meeting-requests`,
        dedupeKey: `meeting_request.expired:${row.id}`,
      });
      return { expired: true, ids };
    });
    await this.notifications.deliverByEmail(result.ids);
    return { expired: result.expired };
  }

  private async notifyRegistration(manager: EntityManager, registrationId: string, draft: { kind: string; title: string; body: string; link: string; dedupeKey: string }): Promise<string[]> {
    const reg = await manager.findOneBy(EventRegistration, { id: registrationId });
    if (!reg) return [];
    return recordNotifications(manager, await usersOfOrganization(manager, reg.organizationId, [reg.side]), draft);
  }
}
