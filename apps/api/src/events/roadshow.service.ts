import { ActionForbidden, ResourceNotFound } from '@app/common';
import { EventRegistration, ExchangeEvent, recordAudit, ROADSHOW_RUBRIC, RoadshowPitch, RoadshowScore } from '@app/database';
import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { AuthenticatedUser } from '../auth/current-user';
import { isPubliclyVisible, managesEvent } from './domain/event-access';
import { callerRegistration } from './domain/event-participants';
import { buildEventSlots, matchedOrganizationPairs } from '@app/events';
import { registrationsById } from '@app/events';
import {
  MyPitchScoreListDto,
  PitchCandidateListDto,
  PitchListDto,
  PitchResponseDto,
  PitchScoreResponseDto,
  RoadshowRankingDto,
  ScorePitchDto,
  SetPitchOrderDto,
  toPitchScoreResponse,
} from './dto/roadshow.dto';

const round2 = (n: number) => Math.round(n * 100) / 100;

@Injectable()
export class RoadshowService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organizer's running order: pitch n takes the event's n-th slot. Re-ordering keeps the scores already given. */
  async setPitchOrder(user: AuthenticatedUser, eventId: string, dto: SetPitchOrderDto): Promise<PitchListDto> {
    await this.dataSource.transaction(async (manager) => {
      const event = await manager.findOne(ExchangeEvent, { where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
      if (event.type !== 'roadshow') throw new ActionForbidden('只有场景路演活动可以编排路演顺序');
      const ids = dto.items.map((i) => i.registrationId);
      if (new Set(ids).size !== ids.length) throw new BadRequestException('同一单位不能重复出场');
      const slots = buildEventSlots(event);
      if (ids.length > slots.length) throw new BadRequestException(`路演时段只有 ${slots.length} 个，排不下 ${ids.length} 个路演`);
      const regs = await manager.findBy(EventRegistration, { id: In(ids), eventId, side: 'supplier', status: 'registered' });
      if (regs.length !== ids.length) throw new BadRequestException('路演单位须是本活动已报名的能力供给方');
      const existing = await manager.findBy(RoadshowPitch, { eventId });
      const byReg = new Map(existing.map((p) => [p.registrationId, p]));
      const removed = existing.filter((p) => !ids.includes(p.registrationId));
      if (removed.length) await manager.delete(RoadshowPitch, { id: In(removed.map((p) => p.id)) });
      for (const [index, item] of dto.items.entries()) {
        const slot = slots[index];
        const row = byReg.get(item.registrationId) ?? manager.create(RoadshowPitch, { eventId, registrationId: item.registrationId });
        Object.assign(row, { position: index + 1, title: item.title ?? row.title ?? '', startsAt: slot.startsAt, endsAt: slot.endsAt });
        await manager.save(row);
      }
      await recordAudit(manager, { userId: user.id, role: user.role }, { action: 'roadshow.order_set', entityType: 'event', entityId: eventId, regionCode: event.regionCode, after: { order: ids } });
    });
    return this.listPitches(user, eventId);
  }

  async listPitches(user: AuthenticatedUser | undefined, eventId: string): Promise<PitchListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || (!isPubliclyVisible(event) && !managesEvent(user, event))) throw new ResourceNotFound('活动', eventId);
    return { items: await this.pitchResponses(manager, eventId), rubric: ROADSHOW_RUBRIC.map((r) => r.label) };
  }

  /** Audience members (registered scenario owners and investors) score; one score per person per pitch, editable. */
  async scorePitch(user: AuthenticatedUser, eventId: string, pitchId: string, dto: ScorePitchDto): Promise<PitchScoreResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const pitch = await manager.findOneBy(RoadshowPitch, { id: pitchId, eventId });
      if (!pitch) throw new ResourceNotFound('路演', pitchId);
      const mine = await callerRegistration(manager, user, eventId);
      if (!mine || mine.status !== 'registered' || mine.side !== 'owner') throw new ActionForbidden('只有已报名的场景业主方（观众）可以评分');
      await manager.query(
        `INSERT INTO roadshow_scores (pitch_id, scorer_user_id, scorer_registration_id, technology, scenario_fit, feasibility, team, comment)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (pitch_id, scorer_user_id) DO UPDATE SET technology = EXCLUDED.technology, scenario_fit = EXCLUDED.scenario_fit,
           feasibility = EXCLUDED.feasibility, team = EXCLUDED.team, comment = EXCLUDED.comment, updated_at = now()`,
        [pitchId, user.id, mine.id, dto.technology, dto.scenarioFit, dto.feasibility, dto.team, dto.comment ?? null],
      );
      return { pitchId, technology: dto.technology, scenarioFit: dto.scenarioFit, feasibility: dto.feasibility, team: dto.team, comment: dto.comment ?? null };
    });
  }

  /**
   * Registered suppliers the organizer can put on stage. Those the matches link to owners in the audience come
   * first, best match first, because a pitch the audience has a use for is the point of a roadshow.
   */
  async pitchCandidates(user: AuthenticatedUser, eventId: string): Promise<PitchCandidateListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
    if (event.type !== 'roadshow') throw new ActionForbidden('只有场景路演活动可以编排路演顺序');
    const registered = await manager.find(EventRegistration, { where: { eventId, status: 'registered' }, relations: { organization: true }, order: { seq: 'ASC' } });
    const suppliers = registered.filter((r) => r.side === 'supplier');
    const audience = registered.filter((r) => r.side === 'owner').map((r) => r.organizationId);
    const pairs = await matchedOrganizationPairs(manager, audience, suppliers.map((r) => r.organizationId));
    const positions = new Map((await manager.findBy(RoadshowPitch, { eventId })).map((p) => [p.registrationId, p.position]));
    const capabilities = await publishedCapabilities(manager, suppliers.map((r) => r.organizationId));
    const items = suppliers.map((r) => {
      const mine = pairs.filter((p) => p.supplierOrganizationId === r.organizationId);
      return {
        registrationId: r.id,
        organizationId: r.organizationId,
        organizationName: r.organization?.name ?? null,
        organizationType: r.organization?.type ?? null,
        capabilities: capabilities.get(r.organizationId) ?? [],
        matchScore: mine.length ? round2(Math.max(...mine.map((p) => p.score))) : null,
        matchedOwnerCount: new Set(mine.map((p) => p.ownerOrganizationId)).size,
        pitchPosition: positions.get(r.id) ?? null,
      };
    });
    // Stable sort: unmatched suppliers keep their registration order.
    items.sort((a, b) => (b.matchScore ?? -1) - (a.matchScore ?? -1));
    return { items };
  }

  /** The caller's own scores, so an audience member sees what they gave (and can change it). */
  async myScores(user: AuthenticatedUser, eventId: string): Promise<MyPitchScoreListDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || (!isPubliclyVisible(event) && !managesEvent(user, event))) throw new ResourceNotFound('活动', eventId);
    const rows = await manager
      .createQueryBuilder(RoadshowScore, 's')
      .innerJoin(RoadshowPitch, 'p', 'p.id = s.pitch_id')
      .where('p.event_id = :eventId AND s.scorer_user_id = :userId', { eventId, userId: user.id })
      .orderBy('p.position', 'ASC')
      .getMany();
    return { items: rows.map(toPitchScoreResponse) };
  }

  /** Only the organizer sees the ranking, so the audience cannot steer each other. */
  async ranking(user: AuthenticatedUser, eventId: string): Promise<RoadshowRankingDto> {
    const manager = this.dataSource.manager;
    const event = await manager.findOneBy(ExchangeEvent, { id: eventId });
    if (!event || !managesEvent(user, event)) throw new ResourceNotFound('活动', eventId);
    const pitches = await this.pitchResponses(manager, eventId);
    const scores = pitches.length ? await manager.findBy(RoadshowScore, { pitchId: In(pitches.map((p) => p.id)) }) : [];
    const entries = pitches.map((pitch) => {
      const mine = scores.filter((s) => s.pitchId === pitch.id);
      const avg = (key: (typeof ROADSHOW_RUBRIC)[number]['key']) => (mine.length ? mine.reduce((sum, s) => sum + s[key], 0) / mine.length : 0);
      const criteria = ROADSHOW_RUBRIC.map((r) => ({ label: r.label, average: round2(avg(r.key)) }));
      const average = round2(ROADSHOW_RUBRIC.reduce((sum, r) => sum + avg(r.key), 0) / ROADSHOW_RUBRIC.length);
      return { pitch, scoreCount: mine.length, average, criteria, rank: 0 };
    });
    entries.sort((a, b) => b.average - a.average || b.scoreCount - a.scoreCount || a.pitch.position - b.pitch.position);
    entries.forEach((e, i) => (e.rank = i + 1));
    return { items: entries };
  }

  private async pitchResponses(manager: EntityManager, eventId: string): Promise<PitchResponseDto[]> {
    const pitches = await manager.find(RoadshowPitch, { where: { eventId }, order: { position: 'ASC' } });
    const regs = await registrationsById(manager, pitches.map((p) => p.registrationId));
    return pitches.map((p) => ({
      id: p.id,
      position: p.position,
      title: p.title,
      registrationId: p.registrationId,
      organizationName: regs.get(p.registrationId)?.organization?.name ?? null,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    }));
  }
}

async function publishedCapabilities(manager: EntityManager, organizationIds: string[]): Promise<Map<string, Array<{ id: string; title: string; domains: string[] }>>> {
  const result = new Map<string, Array<{ id: string; title: string; domains: string[] }>>();
  if (!organizationIds.length) return result;
  const rows: Array<{ id: string; title: string; domains: string[]; organization_id: string }> = await manager.query(
    `SELECT id, title, domains, organization_id FROM capabilities WHERE organization_id = ANY($1::uuid[]) AND status = 'published' ORDER BY published_at DESC NULLS LAST, id`,
    [organizationIds],
  );
  for (const r of rows) result.set(r.organization_id, [...(result.get(r.organization_id) ?? []), { id: r.id, title: r.title, domains: r.domains }]);
  return result;
}
