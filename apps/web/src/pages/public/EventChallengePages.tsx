import { Card, Descriptions, Empty, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import { CHALLENGE_STATUS, EVENT_STATUS, EVENT_TYPE } from '../../api/labels';
import { fmtDate, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { useRemote } from '../../components/hooks';

interface EventSummary {
  id: string;
  type: string;
  typeLabel?: string;
  title: string;
  description?: string | null;
  status: string;
  venue?: string | null;
  onlineUrl?: string | null;
  days?: { date: string; start: string; end: string }[];
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
  domains?: string[];
}

interface ChallengeSummary {
  id: string;
  title: string;
  status: string;
  statusLabel?: string;
  background?: string | null;
  awardWan?: number | null;
  applicationOpensAt?: string | null;
  applicationClosesAt?: string | null;
  domains?: string[];
  indicators?: { name: string; target: string; unit?: string | null; verification?: string | null }[];
  deliverables?: string | null;
}

export function EventsPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<EventSummary>>('/events', { page, pageSize: 10 }), [page]);
  if (list.error?.status === 404) return <><PageTitle title="对接活动" /><Empty description="活动服务尚未开放，敬请期待" /></>;
  return (
    <>
      <PageTitle title="对接活动" sub="场景对接会、场景路演、场景体验活动" />
      <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Empty description="近期暂无活动" />}>
        {(d) => (
          <List
            itemLayout="vertical"
            dataSource={d.items}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
            renderItem={(e) => (
              <List.Item>
                <List.Item.Meta
                  title={<Space><Tag color="blue">{e.typeLabel ?? EVENT_TYPE[e.type] ?? e.type}</Tag><Link to={`/events/${e.id}`}>{e.title}</Link><StatusTag map={EVENT_STATUS} value={e.status} /></Space>}
                  description={`${e.days?.map((x) => x.date).join('、') ?? ''} · ${e.venue ?? e.onlineUrl ?? ''}`}
                />
                <Typography.Paragraph ellipsis={{ rows: 2 }}>{e.description}</Typography.Paragraph>
              </List.Item>
            )}
          />
        )}
      </RemoteView>
    </>
  );
}

export function EventDetailPage() {
  const { id = '' } = useParams();
  const ev = useRemote(() => api.get<EventSummary>(`/events/${id}`), [id]);
  return (
    <RemoteView remote={ev}>
      {(e) => (
        <>
          <PageTitle title={<Space>{e.title}<StatusTag map={EVENT_STATUS} value={e.status} /></Space>} sub={e.typeLabel ?? EVENT_TYPE[e.type]} />
          <Descriptions bordered column={1}>
            <Descriptions.Item label="活动日期">{e.days?.map((x) => `${x.date} ${x.start}–${x.end}`).join('；') ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="地点">{e.venue ?? e.onlineUrl ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="报名时间">{fmtDate(e.registrationOpensAt, true)} 至 {fmtDate(e.registrationClosesAt, true)}</Descriptions.Item>
            <Descriptions.Item label="领域">{e.domains?.map((d) => <Tag key={d}>{d}</Tag>) ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="活动介绍"><div className="sx-pre">{e.description ?? '—'}</div></Descriptions.Item>
          </Descriptions>
        </>
      )}
    </RemoteView>
  );
}

export function ChallengesPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<ChallengeSummary>>('/challenges', { page, pageSize: 10 }), [page]);
  if (list.error?.status === 404) return <><PageTitle title="揭榜挂帅" /><Empty description="揭榜挂帅服务尚未开放，敬请期待" /></>;
  return (
    <>
      <PageTitle title="揭榜挂帅" sub="发榜 · 揭榜 · 评审 · 公示 · 挂帅 · 验收" />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="暂无榜单" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
            columns={[
              { title: '榜单名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/challenges/${c.id}`}>{t}</Link> },
              { title: '状态', dataIndex: 'status', width: 110, render: (v: string) => <StatusTag map={CHALLENGE_STATUS} value={v} /> },
              { title: '奖励 / 资助', dataIndex: 'awardWan', width: 120, render: (v: number | null) => (v != null ? `${v} 万元` : '—') },
              { title: '揭榜截止', dataIndex: 'applicationClosesAt', width: 160, render: (v: string) => fmtDate(v, true) },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

export function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const ch = useRemote(() => api.get<ChallengeSummary>(`/challenges/${id}`), [id]);
  return (
    <RemoteView remote={ch}>
      {(c) => (
        <>
          <PageTitle title={<Space>{c.title}<StatusTag map={CHALLENGE_STATUS} value={c.status} /></Space>} />
          <Descriptions bordered column={1}>
            <Descriptions.Item label="奖励 / 资助">{c.awardWan != null ? `${c.awardWan} 万元` : '—'}</Descriptions.Item>
            <Descriptions.Item label="揭榜时间">{fmtDate(c.applicationOpensAt, true)} 至 {fmtDate(c.applicationClosesAt, true)}</Descriptions.Item>
            <Descriptions.Item label="背景"><div className="sx-pre">{c.background ?? '—'}</div></Descriptions.Item>
            <Descriptions.Item label="交付物"><div className="sx-pre">{c.deliverables ?? '—'}</div></Descriptions.Item>
          </Descriptions>
          {c.indicators && c.indicators.length > 0 && (
            <Card size="small" title="技术指标" style={{ marginTop: 16 }}>
              <Table size="small" rowKey="name" pagination={false} dataSource={c.indicators} columns={[{ title: '指标', dataIndex: 'name' }, { title: '目标值', render: (_, i) => `${i.target}${i.unit ?? ''}` }, { title: '验证方式', dataIndex: 'verification' }]} />
            </Card>
          )}
        </>
      )}
    </RemoteView>
  );
}

export function ComingSoon({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageTitle title={title} />
      <Empty description={text} />
    </>
  );
}
