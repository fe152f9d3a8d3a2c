import { Button, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import { EVENT_STATUS, EVENT_TYPE } from '../../api/labels';
import { fmtDate, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { useRemote } from '../../components/hooks';
import { useAuth } from '../../auth/AuthContext';

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
  const { user, hasRole } = useAuth();
  const action = user?.role === 'owner' || user?.role === 'supplier' ? (
    <Link to={`/my/events/${id}`}><Button type="primary">报名 / 我的议程</Button></Link>
  ) : hasRole('organizer', 'admin') ? (
    <Link to={`/console/events/${id}`}><Button>进入活动管理</Button></Link>
  ) : !user ? (
    <Link to="/login" state={{ from: `/my/events/${id}` }}><Button type="primary">登录后报名</Button></Link>
  ) : null;
  return (
    <RemoteView remote={ev}>
      {(e) => (
        <>
          <PageTitle title={<Space>{e.title}<StatusTag map={EVENT_STATUS} value={e.status} /></Space>} sub={e.typeLabel ?? EVENT_TYPE[e.type]} extra={e.status === 'published' || hasRole('organizer', 'admin') ? action : null} />
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

export function ComingSoon({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageTitle title={title} />
      <Empty description={text} />
    </>
  );
}
