import { Alert, App, Button, Card, Descriptions, Empty, Input, List, Result, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import type { Challenge, Objection, Ranking } from '../../api/challenges';
import { CHALLENGE_STATUS_FULL, CHALLENGE_STEPS, challengeStep } from '../../api/challenges';
import { useAuth } from '../../auth/AuthContext';
import { fmtDate, PageTitle, RemoteView, StatusTag, useRegionNames } from '../../components/common';
import { asApiError, useRemote } from '../../components/hooks';

const RANKED = ['notice', 'awarded', 'in_progress', 'accepted', 'failed'];

export function ChallengesPage() {
  const { user } = useAuth();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string>();
  // Published calls are public, so visitors browse them without logging in.
  const list = useRemote(() => api.get<Page<Challenge>>('/challenges', { page, pageSize: 10, status }), [page, status, user?.id]);
  return (
    <>
      <PageTitle title="揭榜挂帅" sub="发榜 · 揭榜 · 评审 · 公示 · 挂帅 · 验收" />
      {
        <RemoteView remote={list}>
          {(d) =>
            d && (
              <Table
                rowKey="id"
                dataSource={d.items}
                title={() => (
                  <Space wrap>
                    {['open', 'reviewing', 'notice', 'awarded', 'in_progress'].map((s) => (
                      <Tag.CheckableTag key={s} checked={status === s} onChange={(on) => { setStatus(on ? s : undefined); setPage(1); }}>
                        {CHALLENGE_STATUS_FULL[s].text}
                      </Tag.CheckableTag>
                    ))}
                  </Space>
                )}
                locale={{ emptyText: <Empty description="暂无榜单" /> }}
                pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
                columns={[
                  { title: '榜单名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/challenges/${c.id}`}>{t}</Link> },
                  { title: '领域', dataIndex: 'domains', width: 160, render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>) },
                  { title: '状态', dataIndex: 'status', width: 150, render: (v: string) => <StatusTag map={CHALLENGE_STATUS_FULL} value={v} /> },
                  { title: '揭榜奖励', dataIndex: 'awardAmount', width: 110, render: (v: number) => `${v} 万元` },
                  { title: '申报截止', dataIndex: 'closesAt', width: 150, render: (v: string) => fmtDate(v, true) },
                ]}
              />
            )
          }
        </RemoteView>
      }
    </>
  );
}

export function ChallengeOverview({ c }: { c: Challenge }) {
  const regions = useRegionNames();
  const e = c.eligibility;
  return (
    <>
      <Steps size="small" current={challengeStep(c.status)} status={c.status === 'cancelled' || c.status === 'failed' ? 'error' : c.status === 'accepted' ? 'finish' : 'process'} items={CHALLENGE_STEPS.map((title) => ({ title }))} style={{ marginBottom: 20 }} />
      <Descriptions bordered column={2} size="small">
        <Descriptions.Item label="揭榜奖励 / 资助">{c.awardAmount} 万元</Descriptions.Item>
        <Descriptions.Item label="领域">{c.domains.map((d) => <Tag key={d}>{d}</Tag>)}</Descriptions.Item>
        <Descriptions.Item label="申报时间" span={2}>{fmtDate(c.opensAt, true)} 至 {fmtDate(c.closesAt, true)}</Descriptions.Item>
        <Descriptions.Item label="注册地要求">{e.regions.length ? e.regions.map((r) => regions[r] ?? r).join('、') : '不限'}</Descriptions.Item>
        <Descriptions.Item label="单位类型">{e.organizationTypes.length ? e.organizationTypes.join('、') : '不限'}</Descriptions.Item>
        <Descriptions.Item label="资质要求">{e.qualifications.length ? e.qualifications.join('、') : '不限'}</Descriptions.Item>
        <Descriptions.Item label="联合体">{e.consortiumAllowed ? `允许（含牵头单位不超过 ${e.maxMembers} 家）` : '不允许'}</Descriptions.Item>
        <Descriptions.Item label="评审方式">{`${c.blindReview ? '盲审' : '实名评审'}，每份申报 ${c.expertsPerApplication} 名专家`}</Descriptions.Item>
        <Descriptions.Item label="公示期">{c.noticeDays} 天{c.noticeEndsAt ? `（至 ${fmtDate(c.noticeEndsAt, true)}）` : ''}</Descriptions.Item>
        {c.recommendation?.required && <Descriptions.Item label="推荐要求" span={2}>须经区县 → 设区市 → 省级推荐单位逐级推荐</Descriptions.Item>}
        <Descriptions.Item label="榜单背景" span={2}><div className="sx-pre">{c.background || '—'}</div></Descriptions.Item>
      </Descriptions>
      <Card size="small" title="技术指标" style={{ marginTop: 16 }}>
        <Table size="small" rowKey="name" pagination={false} dataSource={c.indicators} columns={[{ title: '指标', dataIndex: 'name' }, { title: '目标值', render: (_, i) => `${i.targetValue}${i.unit ? ` ${i.unit}` : ''}` }, { title: '验证方式', dataIndex: 'verification' }]} />
      </Card>
      <Card size="small" title="交付物与评分标准" style={{ marginTop: 16 }}>
        <Space align="start" size={48} wrap>
          <div>
            <Typography.Text strong>交付物</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>{c.deliverables.length ? c.deliverables.map((d) => <li key={d}>{d}</li>) : <li>—</li>}</ul>
          </div>
          <div>
            <Typography.Text strong>评分项（权重）</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>{c.rubric.map((r) => <li key={r.key}>{r.name}（{r.weight}）</li>)}</ul>
          </div>
        </Space>
      </Card>
    </>
  );
}

export function RankingTable({ challengeId, showExperts }: { challengeId: string; showExperts?: boolean }) {
  const ranking = useRemote(() => api.get<Ranking>(`/challenges/${challengeId}/ranking`), [challengeId]);
  return (
    <RemoteView remote={ranking} isEmpty={(r) => !r.items.length} empty={<Empty description="暂无评审结果" />}>
      {(r) => (
        <>
          <Table
            size="small"
            rowKey="applicationId"
            pagination={false}
            dataSource={r.items}
            data-testid="ranking"
            columns={[
              { title: '排名', dataIndex: 'rank', width: 70 },
              { title: '申报编号', dataIndex: 'applicationCode', width: 100 },
              { title: '申报单位', render: (_, i) => <Space direction="vertical" size={0}><span>{i.applicantName}</span>{i.memberOrganizationNames.length > 0 && <Typography.Text type="secondary">联合体成员：{i.memberOrganizationNames.join('、')}</Typography.Text>}</Space> },
              { title: '最终得分', dataIndex: 'finalScore', width: 100, render: (v: number) => v.toFixed(2) },
              { title: '专家人数', width: 130, render: (_, i) => `${i.expertCount}${i.droppedExtremes ? '（去掉最高最低）' : ''}` },
              ...(showExperts ? [{ title: '各专家总分', render: (_: unknown, i: Ranking['items'][number]) => i.expertTotals?.map((t) => t.toFixed(1)).join('、') ?? '—' }] : []),
              { title: '', width: 110, render: (_, i) => (i.proposedWinner ? <Tag color="gold">拟揭榜方</Tag> : null) },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>排序规则：{r.tieBreakRule}</Typography.Paragraph>
        </>
      )}
    </RemoteView>
  );
}

function ObjectionBox({ challengeId }: { challengeId: string }) {
  const list = useRemote(() => api.get<{ items: Objection[]; unanswered: number }>(`/challenges/${challengeId}/objections`), [challengeId]);
  const [text, setText] = useState('');
  const { message } = App.useApp();
  const submit = async () => {
    try {
      await api.post(`/challenges/${challengeId}/objections`, { content: text.trim() });
      message.success('异议已提交，主办方将在公示期内答复');
      setText('');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <Card size="small" title="公示异议" style={{ marginTop: 16 }}>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }}>
        <Input.TextArea rows={2} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} placeholder="对公示结果有异议的，请写明事实和理由" aria-label="异议内容" />
        <Button type="primary" disabled={!text.trim()} onClick={() => void submit()}>提出异议</Button>
      </Space.Compact>
      <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Typography.Text type="secondary">暂无您提出的异议</Typography.Text>}>
        {(d) => (
          <List
            size="small"
            dataSource={d.items}
            renderItem={(o) => (
              <List.Item>
                <Space direction="vertical" size={2}>
                  <span>{o.content}</span>
                  <Typography.Text type={o.answer ? 'success' : 'secondary'}>{o.answer ? `主办方答复：${o.answer}` : '待答复'}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </RemoteView>
    </Card>
  );
}

export function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const ch = useRemote(() => api.get<Challenge>(`/challenges/${id}`), [id, user?.id]);
  return (
    <RemoteView remote={ch}>
      {(c) =>
        c && (
          <>
            <PageTitle
              title={<Space>{c.title}<StatusTag map={CHALLENGE_STATUS_FULL} value={c.status} /></Space>}
              sub={`发榜时间：${fmtDate(c.publishedAt, true)}`}
              extra={
                !user ? (
                  <Link to="/login"><Button type="primary">登录后揭榜</Button></Link>
                ) : user.role === 'supplier' ? (
                  <Link to={`/supplier/challenges/${c.id}`}><Button type="primary" disabled={c.status !== 'open'}>{c.status === 'open' ? '我要揭榜' : '我的申报'}</Button></Link>
                ) : user.role === 'organizer' || user.role === 'admin' ? (
                  <Link to={`/console/challenges/${c.id}`}><Button>进入榜单管理</Button></Link>
                ) : null
              }
            />
            {c.status === 'published' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message={`申报将于 ${fmtDate(c.opensAt, true)} 开放`} />}
            <ChallengeOverview c={c} />
            {RANKED.includes(c.status) && (
              <Card size="small" title={c.status === 'notice' ? '评审结果公示' : '评审结果'} style={{ marginTop: 16 }}>
                <RankingTable challengeId={c.id} />
              </Card>
            )}
            {c.status === 'notice' && <ObjectionBox challengeId={c.id} />}
          </>
        )
      }
    </RemoteView>
  );
}
