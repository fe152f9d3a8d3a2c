import { DownloadOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, download } from '../../api/client';
import { BATCH_STATUS, budgetText, CAPABILITY_STATUS, SCENARIO_STATUS } from '../../api/labels';
import type { Batch, Capability, OrganizationProfile, Scenario } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorState, fmtDate, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { asApiError, useRemote } from '../../components/hooks';

export function ScenarioDescriptions({ s }: { s: Scenario }) {
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }} size="middle">
      <Descriptions.Item label="业主单位">{s.owner.organizationId ? <Link to={`/organizations/${s.owner.organizationId}`}>{s.owner.name}</Link> : s.owner.name}</Descriptions.Item>
      <Descriptions.Item label="所在地区">{s.regionName ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="领域">{s.domains.map((d) => <Tag key={d} color="blue">{d}</Tag>)}</Descriptions.Item>
      <Descriptions.Item label="场景层级 / 阶段">{[s.tier, s.stage].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
      <Descriptions.Item label="预算">{budgetText(s.budgetMinWan, s.budgetMaxWan, s.budgetNegotiable)}</Descriptions.Item>
      <Descriptions.Item label="期望技术成熟度">{s.minTrl ? `TRL ${s.minTrl} 及以上` : '未要求'}</Descriptions.Item>
      <Descriptions.Item label="征集截止">{s.deadline ?? '长期有效'}</Descriptions.Item>
      <Descriptions.Item label="发布时间">{fmtDate(s.publishedAt)}</Descriptions.Item>
      <Descriptions.Item label="关键词" span={2}>{s.tags.length ? s.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label="需求摘要" span={2}>{s.summary}</Descriptions.Item>
      {s.description !== null && (
        <Descriptions.Item label="需求全文" span={2}>
          <div className="sx-pre">{s.description || '—'}</div>
        </Descriptions.Item>
      )}
      {s.landingConditions !== null && (
        <Descriptions.Item label="落地条件" span={2}>
          <div className="sx-pre">{s.landingConditions || '—'}</div>
        </Descriptions.Item>
      )}
      {s.contact && (
        <Descriptions.Item label="联系方式（不公开）" span={2}>
          {[s.contact.name, s.contact.phone, s.contact.email].filter(Boolean).join('，') || '—'}
        </Descriptions.Item>
      )}
      {s.outcome && (
        <Descriptions.Item label="结果" span={2}>
          {s.outcome.resultLabel}
          {s.outcome.reason ? `：${s.outcome.reason}` : ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

export function ScenarioDetailPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const scenario = useRemote(() => api.get<Scenario>(`/scenarios/${id}`), [id, user?.id]);
  const [termsOpen, setTermsOpen] = useState(false);

  const accept = async (s: Scenario) => {
    try {
      await api.post(`/scenarios/${s.id}/confidentiality-acceptance`, { termsVersion: s.confidentiality?.termsVersion });
      message.success('已接受保密条款，可查看需求全文');
      setTermsOpen(false);
      scenario.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };

  return (
    <RemoteView remote={scenario}>
      {(s) => (
        <>
          <PageTitle
            title={
              <Space>
                {s.title}
                <StatusTag map={SCENARIO_STATUS} value={s.status} />
              </Space>
            }
            sub={`场景需求 · ${s.regionName ?? ''}`}
            extra={
              user?.role === 'supplier' && s.status === 'published' ? (
                <Button type="primary" onClick={() => navigate(`/supplier/respond/${s.id}`)}>
                  响应此场景需求
                </Button>
              ) : !user && s.status === 'published' ? (
                <Button type="primary" onClick={() => navigate('/login', { state: { from: `/scenarios/${s.id}` } })}>
                  登录后响应
                </Button>
              ) : null
            }
          />
          {s.detailLevel === 'summary' && (
            <Alert
              style={{ marginBottom: 16 }}
              type="info"
              showIcon
              icon={<LockOutlined />}
              message="公众仅可查看需求摘要"
              description={
                !user
                  ? '需求全文与落地条件仅对已认证、并接受业主保密条款的能力供给方开放。请先登录能力供给方账号。'
                  : user.role !== 'supplier'
                    ? '需求全文与落地条件仅对能力供给方开放。'
                    : s.confidentiality && !s.confidentiality.organizationVerified
                      ? '您的单位尚未通过主办方认证，认证后可接受保密条款并查看全文。'
                      : '接受业主的保密条款后即可查看需求全文与落地条件，查看记录将告知业主。'
              }
              action={
                user?.role === 'supplier' && s.confidentiality && s.confidentiality.organizationVerified && !s.confidentiality.accepted ? (
                  <Button size="small" type="primary" onClick={() => setTermsOpen(true)}>
                    阅读并接受保密条款
                  </Button>
                ) : undefined
              }
            />
          )}
          <ScenarioDescriptions s={s} />
          <Modal title="保密条款" open={termsOpen} onCancel={() => setTermsOpen(false)} onOk={() => void accept(s)} okText="我已阅读并同意" cancelText="取消">
            <div className="sx-pre">{s.confidentiality?.terms}</div>
          </Modal>
        </>
      )}
    </RemoteView>
  );
}

export function CapabilityDescriptions({ c }: { c: Capability }) {
  return (
    <Descriptions bordered column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label="供给方">
        <Link to={`/organizations/${c.organization.id}`}>{c.organization.name}</Link> {c.organization.verified && <Tag color="green">已认证</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label="所在地区">{c.regionName}</Descriptions.Item>
      <Descriptions.Item label="领域">{c.domains.map((d) => <Tag key={d} color="geekblue">{d}</Tag>)}</Descriptions.Item>
      <Descriptions.Item label="类型">{c.kind ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="技术成熟度">{c.trl ? `TRL ${c.trl}` : '—'}</Descriptions.Item>
      <Descriptions.Item label="报价">{budgetText(c.priceMinWan, c.priceMaxWan, c.priceNegotiable)}</Descriptions.Item>
      <Descriptions.Item label="供给方资质" span={2}>{c.organization.qualifications.length ? c.organization.qualifications.map((q) => <Tag key={q} color="gold">{q}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label="已落地案例">{c.organization.casesCount} 个</Descriptions.Item>
      <Descriptions.Item label="发布时间">{fmtDate(c.publishedAt)}</Descriptions.Item>
      <Descriptions.Item label="关键词" span={2}>{c.tags.length ? c.tags.map((t) => <Tag key={t}>{t}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label="能力介绍" span={2}>
        <div className="sx-pre">{c.description || '—'}</div>
      </Descriptions.Item>
    </Descriptions>
  );
}

export function CapabilityDetailPage() {
  const { id = '' } = useParams();
  const cap = useRemote(() => api.get<Capability>(`/capabilities/${id}`), [id]);
  return (
    <RemoteView remote={cap}>
      {(c) => (
        <>
          <PageTitle title={<Space>{c.title}<StatusTag map={CAPABILITY_STATUS} value={c.status} /></Space>} sub={`能力供给 · ${c.organization.name}`} />
          <CapabilityDescriptions c={c} />
        </>
      )}
    </RemoteView>
  );
}

export function OrganizationDetailPage() {
  const { id = '' } = useParams();
  const org = useRemote(() => api.get<OrganizationProfile>(`/organizations/${id}`), [id]);
  return (
    <RemoteView remote={org}>
      {(o) => (
        <>
          <PageTitle title={<Space>{o.name}{o.verified ? <Tag color="green">已认证</Tag> : <Tag>未认证</Tag>}</Space>} sub={`${o.type} · ${o.regionName}`} />
          <Descriptions bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label="统一社会信用代码">{o.creditCode ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="单位规模">{o.size ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="领域" span={2}>{o.domains.length ? o.domains.map((d) => <Tag key={d} color="blue">{d}</Tag>) : '—'}</Descriptions.Item>
            <Descriptions.Item label="资质" span={2}>
              {o.qualifications.length
                ? o.qualifications.map((q) => (
                    <Tag key={q.name} color={q.expired ? 'default' : 'gold'}>
                      {q.name}
                      {q.validTo ? `（至 ${q.validTo}${q.expired ? '，已过期' : ''}）` : ''}
                    </Tag>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="单位简介" span={2}>
              <div className="sx-pre">{o.description || '—'}</div>
            </Descriptions.Item>
          </Descriptions>
          <Row gutter={16} style={{ marginTop: 16 }}>
            <Col xs={24} md={12}>
              <Card title={`已落地案例（${o.casesCount}）`} size="small">
                {o.cases.length ? <List dataSource={o.cases} renderItem={(c) => <List.Item><List.Item.Meta title={`${c.title}${c.year ? `（${c.year}年）` : ''}`} description={[c.client, c.summary].filter(Boolean).join(' · ')} /></List.Item>} /> : <Empty description="暂无案例" />}
              </Card>
            </Col>
            <Col xs={24} md={12}>
              <Card title="已发布能力供给" size="small">
                {o.publishedCapabilities.length ? <List dataSource={o.publishedCapabilities} renderItem={(c) => <List.Item><Link to={`/capabilities/${c.id}`}>{c.title}</Link><span className="sx-muted">{c.kind} · TRL {c.trl ?? '—'}</span></List.Item>} /> : <Empty description="暂无已发布的能力供给" />}
              </Card>
            </Col>
          </Row>
        </>
      )}
    </RemoteView>
  );
}

export function BatchListPage() {
  const [page, setPage] = useState(1);
  const batches = useRemote(() => api.get<Page<Batch>>('/batches', { status: 'published', page, pageSize: 10 }), [page]);
  return (
    <>
      <PageTitle title="清单发布" sub="定期发布的场景机会清单与能力供给清单；发布后的清单为固定快照，可下载 Excel。" />
      <RemoteView remote={batches}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="暂无已发布的清单" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage, showTotal: (t) => `共 ${t} 批` }}
            columns={[
              { title: '清单名称', dataIndex: 'title', render: (t: string, b) => <Link to={`/batches/${b.id}`}>{t}</Link> },
              { title: '类型', dataIndex: 'kindLabel', width: 140 },
              { title: '地区', dataIndex: 'regionName', width: 160 },
              { title: '条目数', dataIndex: 'itemCount', width: 90 },
              { title: '发布日期', dataIndex: 'publishedAt', width: 120, render: (v: string) => fmtDate(v) },
              { title: '下载', width: 120, render: (_, b) => <ExcelButton batch={b} /> },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

function ExcelButton({ batch }: { batch: Batch }) {
  const { message } = App.useApp();
  return (
    <Button
      size="small"
      icon={<DownloadOutlined />}
      onClick={() => download(`/batches/${batch.id}/export.xlsx`, `${batch.title}.xlsx`).catch((e: unknown) => message.error(asApiError(e).userMessage))}
    >
      Excel
    </Button>
  );
}

export function BatchDetailPage() {
  const { id = '' } = useParams();
  const batch = useRemote(() => api.get<Batch>(`/batches/${id}`), [id]);
  return (
    <RemoteView remote={batch}>
      {(b) => (
        <>
          <PageTitle title={<Space>{b.title}<StatusTag map={BATCH_STATUS} value={b.status} /></Space>} sub={`${b.kindLabel} · ${b.regionName} · 共 ${b.itemCount} 项 · 发布于 ${fmtDate(b.publishedAt)}`} extra={<ExcelButton batch={b} />} />
          {b.description && <Typography.Paragraph>{b.description}</Typography.Paragraph>}
          {b.diff && b.diff.previousTitle && (
            <Alert style={{ marginBottom: 16 }} type="info" showIcon message={`与上一批（${b.diff.previousTitle}）相比：新增 ${b.diff.added.length} 项，移除 ${b.diff.removed.length} 项，变更 ${b.diff.changed.length} 项，未变 ${b.diff.unchanged} 项`} />
          )}
          <Table
            rowKey="id"
            dataSource={b.items ?? []}
            pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 项` }}
            locale={{ emptyText: <Empty description="清单中暂无条目" /> }}
            columns={[
              { title: '序号', width: 70, render: (_, __, i) => i + 1 },
              { title: '名称', dataIndex: 'title', render: (t: string, it) => <Link to={b.kind === 'scenario' ? `/scenarios/${it.id}` : `/capabilities/${it.id}`}>{t}</Link> },
              { title: '领域', dataIndex: 'domains', render: (ds: string[]) => ds.map((d) => <Tag key={d}>{d}</Tag>) },
              { title: b.kind === 'scenario' ? '业主单位' : '供给方', dataIndex: 'organizationDisplayName' },
              { title: '地区', dataIndex: 'regionName', width: 150 },
              b.kind === 'scenario'
                ? { title: '预算', width: 130, render: (_, it) => budgetText(it.budgetMinWan, it.budgetMaxWan) }
                : { title: 'TRL', width: 80, dataIndex: 'trl' },
            ]}
          />
        </>
      )}
    </RemoteView>
  );
}

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export function NotificationsPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<Notification> & { unread: number }>('/notifications', { page, pageSize: 20 }), [page]);
  const navigate = useNavigate();
  if (list.error?.status === 401) return <ErrorState error={list.error} />;
  return (
    <>
      <PageTitle title="消息通知" extra={<Button onClick={() => void api.post('/notifications/read-all').then(list.reload)}>全部标为已读</Button>} />
      <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无消息" />}>
        {(d) => (
          <List
            dataSource={d.items}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
            renderItem={(n) => (
              <List.Item
                style={{ cursor: n.link ? 'pointer' : undefined }}
                onClick={() => {
                  void api.post(`/notifications/${n.id}/read`).catch(() => undefined);
                  if (n.link) navigate(n.link.replace(/^https?:\/\/[^/]+/, ''));
                }}
              >
                <List.Item.Meta title={<Space>{!n.readAt && <Tag color="red">未读</Tag>}{n.title}</Space>} description={n.body} />
                <span className="sx-muted">{fmtDate(n.createdAt, true)}</span>
              </List.Item>
            )}
          />
        )}
      </RemoteView>
    </>
  );
}
