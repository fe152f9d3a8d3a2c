import {
  Challenge,
  ChallengeApplication,
  ChallengeApplicationMember,
  CHALLENGE_APPLICATION_STATUS_LABELS,
  CHALLENGE_STATUS_LABELS,
  ChallengeResult,
  ChallengeReviewAssignment,
  Organization,
  recordAudit,
  User,
} from '@app/database';
import { regionDisplayName } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { AuthenticatedUser } from '../auth/current-user';
import { assertManages, dateTimeText } from './challenge-access';
import { actor } from './challenges.service';
import { applicationCode } from './dto/application.dto';

/** The file copy of a call: 榜单信息, 申报单位, 专家评分, 评审结果 — one sheet each. */
@Injectable()
export class ChallengeExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(user: AuthenticatedUser, id: string): Promise<{ filename: string; content: Buffer }> {
    const m = this.dataSource.manager;
    const c = assertManages(user, await m.findOneBy(Challenge, { id }), id);
    const apps = await m.find(ChallengeApplication, { where: { challengeId: id }, order: { seq: 'ASC' } });
    const submitted = apps.filter((a) => a.status !== 'draft');
    const members = await m.findBy(ChallengeApplicationMember, { challengeId: id });
    const orgs = await m.findBy(Organization, {
      id: In([...new Set(members.map((x) => x.organizationId)), '00000000-0000-0000-0000-000000000000']),
    });
    const assignments = await m.find(ChallengeReviewAssignment, { where: { challengeId: id }, order: { createdAt: 'ASC' } });
    const experts = await m.findBy(User, {
      id: In([...new Set(assignments.map((a) => a.expertUserId)), '00000000-0000-0000-0000-000000000000']),
    });
    const results = await m.find(ChallengeResult, { where: { challengeId: id }, order: { rank: 'ASC' } });
    const orgName = (orgId: string) => orgs.find((o) => o.id === orgId)?.name ?? '';
    const code = (appId: string) => applicationCode(apps.find((a) => a.id === appId)?.seq ?? 0);

    const wb = new ExcelJS.Workbook();
    wb.creator = '场景对接平台';
    const info = wb.addWorksheet('榜单信息');
    info.columns = [
      { header: '项目', width: 20 },
      { header: '内容', width: 80 },
    ];
    const rows: Array<[string, string | number]> = [
      ['榜单名称', c.title],
      ['状态', CHALLENGE_STATUS_LABELS[c.status]],
      ['主办辖区', regionDisplayName(c.regionCode)],
      ['技术领域', c.domains.join('、')],
      ['奖励/资助（万元）', c.awardAmount],
      ['申报开放', dateTimeText(c.opensAt)],
      ['申报截止', dateTimeText(c.closesAt)],
      ['每份申报评审专家数', c.expertsPerApplication],
      ['盲审', c.blindReview ? '是' : '否'],
      ['公示天数', c.noticeDays],
      ['评分项（权重）', c.rubric.map((r) => `${r.name}（${r.weight}）`).join('；')],
      ...c.indicators.map((ind, i): [string, string] => [
        `指标${i + 1}`,
        `${ind.name}：${ind.targetValue}${ind.unit}（验证方式：${ind.verification}）`,
      ]),
      ['交付成果', c.deliverables.join('；')],
    ];
    for (const row of rows) info.addRow(row);

    const appSheet = wb.addWorksheet('申报单位');
    appSheet.columns = [
      { header: '申报编号', width: 10 },
      { header: '牵头单位', width: 30 },
      { header: '统一社会信用代码', width: 22 },
      { header: '联合体成员', width: 40 },
      { header: '状态', width: 16 },
      { header: '形式审查意见', width: 30 },
      { header: '提交时间', width: 20 },
    ];
    for (const a of submitted) {
      const lead = orgs.find((o) => o.id === a.leadOrganizationId);
      const others = members
        .filter((x) => x.applicationId === a.id && x.role === 'member')
        .map(
          (x) => `${orgName(x.organizationId)}（${x.status === 'confirmed' ? '已确认' : x.status === 'declined' ? '已拒绝' : '待确认'}）`,
        );
      appSheet.addRow([
        code(a.id),
        lead?.name ?? '',
        lead?.creditCode ?? '',
        others.join('；'),
        CHALLENGE_APPLICATION_STATUS_LABELS[a.status],
        a.formalCheckReason ?? '',
        a.submittedAt ? dateTimeText(a.submittedAt) : '',
      ]);
    }

    const scoreSheet = wb.addWorksheet('专家评分');
    scoreSheet.columns = [
      { header: '申报编号', width: 10 },
      { header: '专家', width: 16 },
      ...c.rubric.map((r) => ({ header: `${r.name}（${r.weight}）`, width: 16 })),
      { header: '加权总分', width: 12 },
      { header: '评语', width: 60 },
    ];
    for (const a of assignments) {
      const scores = c.rubric.map((r) => a.scores?.find((s) => s.criterionKey === r.key)?.score ?? '');
      const comments = (a.scores ?? [])
        .map((s) => `${c.rubric.find((r) => r.key === s.criterionKey)?.name ?? s.criterionKey}：${s.comment}`)
        .join('；');
      scoreSheet.addRow([
        code(a.applicationId),
        experts.find((e) => e.id === a.expertUserId)?.displayName ?? '',
        ...scores,
        a.weightedTotal ?? '',
        comments,
      ]);
    }

    const resultSheet = wb.addWorksheet('评审结果');
    resultSheet.columns = [
      { header: '排名', width: 8 },
      { header: '申报编号', width: 10 },
      { header: '牵头单位', width: 30 },
      { header: '最终得分', width: 12 },
      { header: '专家人数', width: 10 },
      { header: '去掉最高最低分', width: 14 },
      { header: '权重最高项均分', width: 14 },
      { header: '拟揭榜方', width: 10 },
    ];
    for (const r of results) {
      const app = apps.find((a) => a.id === r.applicationId);
      resultSheet.addRow([
        r.rank,
        code(r.applicationId),
        app ? orgName(app.leadOrganizationId) : '',
        r.finalScore,
        r.expertCount,
        r.droppedExtremes ? '是' : '否',
        r.tieBreakScore,
        r.applicationId === (c.winnerApplicationId ?? results[0]?.applicationId) ? '是' : '',
      ]);
    }
    for (const sheet of wb.worksheets) sheet.getRow(1).font = { bold: true };

    await this.dataSource.transaction((tm) =>
      recordAudit(tm, actor(user), { action: 'challenge.export', entityType: 'challenge', entityId: id, regionCode: c.regionCode }),
    );
    return { filename: `揭榜挂帅-${c.title}.xlsx`, content: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
