import { ResourceNotFound } from '@app/common';
import { recordAudit, recordNotifications, ScenarioComment, ScenarioVersion, User, usersOfOrganization } from '@app/database';
import { NotificationsProducer } from '@app/queue';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { PostScenarioCommentDto, VersionDiffQueryDto } from './dto/scenario-request.dto';
import {
  ScenarioCommentResponseDto,
  ScenarioVersionDiffDto,
  ScenarioVersionResponseDto,
  toScenarioCommentResponse,
  toScenarioVersionResponse,
} from './dto/scenario-response.dto';
import { loadScenario } from './scenario-access';
import { diffSnapshots } from './scenario-diff';
import { READINESS_LABELS } from './scenario-readiness';
import { organizersOverseeing } from '../auth/jurisdiction';

/** 凝练打磨: the owner–organizer thread and the version history with diffs. Only the two sides see it. */
@Injectable()
export class ScenarioRefinementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsProducer,
  ) {}

  async listComments(user: AuthenticatedUser, id: string): Promise<ScenarioCommentResponseDto[]> {
    const manager = this.dataSource.manager;
    await loadScenario(manager, id, user, { privateOnly: true });
    const comments = await manager.find(ScenarioComment, { where: { scenarioId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const authorIds = [...new Set(comments.map((c) => c.authorUserId).filter((x): x is string => !!x))];
    const authors = new Map(
      (authorIds.length ? await manager.find(User, { select: { id: true, displayName: true }, where: { id: In(authorIds) } }) : []).map(
        (u) => [u.id, u.displayName],
      ),
    );
    return comments.map((c) =>
      toScenarioCommentResponse(c, c.authorUserId ? (authors.get(c.authorUserId) ?? null) : null, READINESS_LABELS),
    );
  }

  async postComment(user: AuthenticatedUser, id: string, dto: PostScenarioCommentDto): Promise<ScenarioCommentResponseDto> {
    const { comment, notificationIds } = await this.dataSource.transaction(async (manager) => {
      const { scenario, relation } = await loadScenario(manager, id, user, { privateOnly: true });
      const saved = await manager.save(
        manager.create(ScenarioComment, {
          scenarioId: id,
          authorUserId: user.id,
          authorRole: user.role,
          kind: 'comment',
          body: dto.body,
          items: [],
          scenarioVersion: scenario.version,
        }),
      );
      await recordAudit(
        manager,
        { userId: user.id, role: user.role },
        {
          action: 'scenario.comment',
          entityType: 'scenario',
          entityId: id,
          regionCode: scenario.regionCode,
          after: { commentId: saved.id },
          comment: dto.body,
        },
      );
      // The other side of the conversation is told; drafts have no organizer side yet.
      const recipients =
        relation === 'owner'
          ? scenario.status === 'draft'
            ? []
            : await organizersOverseeing(manager, scenario.regionCode)
          : await usersOfOrganization(manager, scenario.organizationId, ['owner']);
      const ids = await recordNotifications(manager, recipients, {
        kind: 'scenario.comment',
        title: `场景需求「${scenario.title}」有新的打磨意见`,
        body: dto.body.slice(0, 200),
        link: `/scenarios/${id}`,
        dedupeKey: `scenario-comment:${saved.id}`,
      });
      return { comment: saved, notificationIds: ids };
    });
    await this.notifications.deliverByEmail(notificationIds);
    const author = await this.dataSource.manager.findOne(User, { select: { id: true, displayName: true }, where: { id: user.id } });
    return toScenarioCommentResponse(comment, author?.displayName ?? null, READINESS_LABELS);
  }

  async listVersions(user: AuthenticatedUser, id: string): Promise<ScenarioVersionResponseDto[]> {
    const manager = this.dataSource.manager;
    await loadScenario(manager, id, user, { privateOnly: true });
    const versions = await manager.find(ScenarioVersion, { where: { scenarioId: id }, order: { version: 'DESC' } });
    return versions.map((v) => toScenarioVersionResponse(v, true));
  }

  async diff(user: AuthenticatedUser, id: string, query: VersionDiffQueryDto): Promise<ScenarioVersionDiffDto> {
    const manager = this.dataSource.manager;
    await loadScenario(manager, id, user, { privateOnly: true });
    const rows = await manager.find(ScenarioVersion, { where: { scenarioId: id, version: In([query.from, query.to]) } });
    const from = rows.find((r) => r.version === query.from);
    const to = rows.find((r) => r.version === query.to);
    if (!from) throw new ResourceNotFound('场景版本', String(query.from));
    if (!to) throw new ResourceNotFound('场景版本', String(query.to));
    return { scenarioId: id, from: query.from, to: query.to, changes: diffSnapshots(from.snapshot, to.snapshot, { includeContact: true }) };
  }
}
