import { Alert, App, Button, Card, Col, Empty, Input, Modal, Radio, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Application, Challenge } from '../../api/challenges';
import { RECOMMENDATION_LEVEL } from '../../api/challenges';
import { APPLICATION_STATUS } from '../../api/labels';
import { useAuth } from '../../auth/AuthContext';
import { allRegions, RemoteView, StatusTag } from '../../components/common';
import { asApiError, useRemote } from '../../components/hooks';

type Level = 'county' | 'city' | 'province';

/**
 * The caller's jurisdiction read against the region tree, mirroring the API's rules (auth/jurisdiction.ts and
 * the tiers in applications.service.ts) so the console can say what the API will allow; the API still decides.
 */
export function useJurisdiction() {
  const { user } = useAuth();
  const regions = useRemote(() => allRegions(), []);
  return useMemo(() => {
    const byCode = new Map((regions.data ?? []).map((r) => [r.code, r]));
    const ancestors = (code: string) => {
      const chain: { code: string; name: string; level: string }[] = [];
      for (let r = byCode.get(code); r; r = r.parentCode ? byCode.get(r.parentCode) : undefined) chain.push(r);
      return chain;
    };
    const code = user?.role === 'organizer' ? user.jurisdictionRegionCode : null;
    const within = (regionCode: string, ancestor: string) => ancestors(regionCode).some((r) => r.code === ancestor);
    return {
      ready: !!regions.data,
      code,
      name: code ? (byCode.get(code)?.name ?? code) : null,
      regionName: (regionCode: string) => byCode.get(regionCode)?.name ?? regionCode,
      /** Until the regions load, assume yes: the console looks as before and the API answers for itself. */
      manages: (regionCode: string) => user?.role === 'admin' || !regions.data || (!!code && within(regionCode, code)),
      within: (regionCode: string) => !!code && within(regionCode, code),
      level: ((): Level => {
        const level = code ? byCode.get(code)?.level : undefined;
        return level === 'district' ? 'county' : level === 'city' ? 'city' : 'province';
      })(),
      /** The tiers an applicant registered at `regionCode` passes through, bottom up. */
      tiers: (regionCode: string): Level[] => {
        const levels = ancestors(regionCode).map((r) => r.level);
        return [...(levels.includes('district') ? (['county'] as const) : []), ...(levels.includes('city') ? (['city'] as const) : []), 'province'];
      },
    };
  }, [regions.data, user]);
}

type RowState = { key: 'awaiting' | 'done' | 'below' | 'not_needed' | 'closed'; text: string; color: string };

/** 推荐单位: applications led from the caller's jurisdiction, awaiting this tier first, within this body's quota. */
export function RecommendationPanel({ challenge: c }: { challenge: Challenge }) {
  const j = useJurisdiction();
  const list = useRemote(() => api.get<{ items: Application[] }>(`/challenges/${c.id}/applications`), [c.id]);
  const [filter, setFilter] = useState<'awaiting' | 'all'>('awaiting');
  const [target, setTarget] = useState<Application | null>(null);
  if (!j.code) return <Alert type="info" showIcon message="您的账号未设置管辖区域，不能作为推荐单位推荐；如需开通，请联系平台管理员。" />;
  if (!j.ready) return <Skeleton active />;
  const level = j.level;
  const levelName = RECOMMENDATION_LEVEL[level];
  const quota = c.recommendation?.quotas[level] ?? 0;
  const windowOpen = c.status === 'open' || c.status === 'closed';
  const lead = (a: Application) => a.organizations.find((o) => o.role === 'lead');
  const stateOf = (a: Application): RowState => {
    const tiers = j.tiers(lead(a)?.regionCode ?? '');
    const mine = a.recommendations.find((r) => r.level === level);
    if (mine) return { key: 'done', text: mine.regionCode === j.code ? '本单位已推荐' : `已获${levelName}推荐`, color: 'green' };
    if (!tiers.includes(level)) return { key: 'not_needed', text: `无需${levelName}推荐`, color: 'default' };
    if (a.status !== 'submitted') return { key: 'closed', text: '不在推荐阶段', color: 'default' };
    const below = tiers[tiers.indexOf(level) - 1];
    if (below && !a.recommendations.some((r) => r.level === below)) return { key: 'below', text: `待${RECOMMENDATION_LEVEL[below]}推荐`, color: 'default' };
    return { key: 'awaiting', text: `待${levelName}推荐`, color: 'processing' };
  };
  return (
    <RemoteView remote={list}>
      {(d) => {
        const mineOnly = d.items.filter((a) => j.within(lead(a)?.regionCode ?? ''));
        const used = mineOnly.reduce((n, a) => n + a.recommendations.filter((r) => r.regionCode === j.code).length, 0);
        const left = Math.max(0, quota - used);
        const rows = mineOnly.map((a) => ({ application: a, state: stateOf(a) }));
        const awaiting = rows.filter((r) => r.state.key === 'awaiting');
        const shown = filter === 'awaiting' ? awaiting : rows;
        return (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={6}><Card size="small"><Statistic title="推荐单位" value={`${j.name}（${levelName}）`} styles={{ content: { fontSize: 18 } }} /></Card></Col>
              <Col span={6}><Card size="small"><Statistic title="本级推荐名额" value={quota} suffix="项" /></Card></Col>
              <Col span={6}><Card size="small" data-testid="recommend-quota"><Statistic title="已推荐 / 剩余" value={used} suffix={`/ 剩余 ${left} 项`} /></Card></Col>
              <Col span={6}><Card size="small"><Statistic title={`待${levelName}推荐`} value={awaiting.length} suffix="份" /></Card></Col>
            </Row>
            <Alert
              type={windowOpen ? 'info' : 'warning'}
              showIcon
              style={{ marginBottom: 12 }}
              message={
                windowOpen
                  ? `本榜单须经推荐单位逐级推荐（区县 → 设区市 → 省级）。您只看到牵头单位注册在本辖区的申报；下级推荐后方可由本级推荐，每推荐一项占用一个名额，推荐后不能撤销。`
                  : '推荐在申报期内及申报截止后、形式审查前进行；当前榜单不在推荐阶段。'
              }
            />
            <Radio.Group
              style={{ marginBottom: 12 }}
              optionType="button"
              value={filter}
              onChange={(e) => setFilter(e.target.value as 'awaiting' | 'all')}
              options={[
                { value: 'awaiting', label: `待${levelName}推荐（${awaiting.length}）` },
                { value: 'all', label: `本辖区全部申报（${rows.length}）` },
              ]}
            />
            <Table
              rowKey={(r) => r.application.id}
              dataSource={shown}
              pagination={false}
              data-testid="recommend-list"
              locale={{ emptyText: <Empty description={filter === 'awaiting' ? `暂无待${levelName}推荐的申报` : '本辖区暂无已提交的申报'} /> }}
              columns={[
                { title: '编号', width: 80, render: (_, r) => r.application.code },
                {
                  title: '申报单位',
                  render: (_, r) => (
                    <Space direction="vertical" size={0}>
                      <span>{lead(r.application)?.name}</span>
                      <Typography.Text type="secondary">{j.regionName(lead(r.application)?.regionCode ?? '')}{r.application.organizations.length > 1 ? ` · 联合体 ${r.application.organizations.length} 家` : ''}</Typography.Text>
                    </Space>
                  ),
                },
                { title: '申报状态', width: 130, render: (_, r) => <StatusTag map={APPLICATION_STATUS} value={r.application.status} /> },
                {
                  title: '推荐进度',
                  width: 260,
                  render: (_, r) => (
                    <Space direction="vertical" size={2}>
                      <Space size={2} wrap>
                        {j.tiers(lead(r.application)?.regionCode ?? '').map((t) => (
                          <Tag key={t} color={r.application.recommendations.some((x) => x.level === t) ? 'green' : undefined}>{RECOMMENDATION_LEVEL[t]}{r.application.recommendations.some((x) => x.level === t) ? ' ✓' : ''}</Tag>
                        ))}
                      </Space>
                      {r.application.recommendations.filter((x) => x.comment).map((x) => (
                        <Typography.Text key={x.level} type="secondary">{RECOMMENDATION_LEVEL[x.level]}意见：{x.comment}</Typography.Text>
                      ))}
                    </Space>
                  ),
                },
                { title: '本级', width: 120, render: (_, r) => <Tag color={r.state.color}>{r.state.text}</Tag> },
                {
                  title: '操作',
                  width: 100,
                  render: (_, r) =>
                    r.state.key === 'awaiting' ? (
                      <Button size="small" type="primary" disabled={!windowOpen || left === 0} title={left === 0 ? '本级推荐名额已用完' : undefined} onClick={() => setTarget(r.application)}>
                        推荐
                      </Button>
                    ) : null,
                },
              ]}
            />
            {target && (
              <RecommendModal
                challenge={c}
                application={target}
                levelName={levelName}
                left={left}
                onClose={() => setTarget(null)}
                onChanged={list.reload}
              />
            )}
          </>
        );
      }}
    </RemoteView>
  );
}

function RecommendModal({ challenge: c, application: a, levelName, left, onClose, onChanged }: { challenge: Challenge; application: Application; levelName: string; left: number; onClose: () => void; onChanged: () => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const ok = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/challenges/${c.id}/applications/${a.id}/recommend`, comment.trim() ? { comment: comment.trim() } : {});
      message.success(`已推荐 ${a.code}（${levelName}推荐），本级剩余名额 ${Math.max(0, left - 1)} 项`);
      onClose();
      onChanged();
    } catch (e) {
      const err = asApiError(e);
      // The API answers 404 for an application outside the body's region (no existence leak).
      setError(err.status === 404 ? '该申报不在您的推荐辖区内，或已不存在' : err.userMessage);
      onChanged();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`${levelName}推荐：${a.code}`} open onCancel={onClose} onOk={() => void ok()} okText="确认推荐" cancelText="取消" confirmLoading={busy}>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message="推荐未成功" description={error} />}
      <Typography.Paragraph>
        申报单位：{a.organizations.map((o) => o.name).join('、')}
        <br />
        推荐后占用本级名额 1 项（剩余 {left} 项），且不能撤销。
      </Typography.Paragraph>
      <Input.TextArea rows={3} maxLength={2000} showCount value={comment} onChange={(e) => setComment(e.target.value)} aria-label="推荐意见" placeholder="推荐意见（选填），如 经区科技局审核，材料齐全，同意推荐" />
    </Modal>
  );
}
