import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, download } from '../../api/client';
import { BATCH_STATUS, CAPABILITY_STATUS, READINESS_LABEL, SCENARIO_STATUS } from '../../api/labels';
import type { Batch, Capability, Scenario } from '../../api/types';
import { fmtDate, FormErrors, PageTitle, RegionCascader, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { CommentThread, VersionDiffPanel } from '../../components/Refinement';
import { CapabilityDescriptions, ScenarioDescriptions } from '../public/DetailPages';

export { DashboardPage } from './Dashboard';

export function ReviewQueuePage() {
  const scenarios = useRemote(() => api.get<Page<Scenario>>('/scenarios', { status: 'submitted', pageSize: 50 }), []);
  const approved = useRemote(() => api.get<Page<Scenario>>('/scenarios', { status: 'approved', pageSize: 50 }), []);
  const caps = useRemote(() => api.get<Page<Capability>>('/capabilities', { status: 'submitted', pageSize: 50 }), []);
  const scenarioTable = (d: Page<Scenario>, empty: string) => (
    <Table
      rowKey="id"
      dataSource={d.items}
      pagination={false}
      locale={{ emptyText: <Empty description={empty} /> }}
      columns={[
        { title: '场景名称', dataIndex: 'title', render: (t: string, s) => <Link to={`/console/review/scenario/${s.id}`}>{t}</Link> },
        { title: '业主单位', render: (_, s) => s.owner.name },
        { title: '地区', dataIndex: 'regionName', width: 150 },
        { title: '领域', dataIndex: 'domains', render: (ds: string[]) => ds.map((x) => <Tag key={x}>{x}</Tag>) },
        { title: '版本', dataIndex: 'version', width: 60 },
        { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => fmtDate(v, true) },
        { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={SCENARIO_STATUS} value={v} /> },
        { title: '操作', width: 80, render: (_, s) => <Link to={`/console/review/scenario/${s.id}`}>审核</Link> },
      ]}
    />
  );
  return (
    <>
      <PageTitle title="审核队列" sub="辖区内提交的场景需求与能力供给：审核通过、退回修改（附意见）或发布。" />
      <Tabs
        items={[
          { key: 's', label: `待审核场景需求（${scenarios.data?.total ?? 0}）`, children: <RemoteView remote={scenarios}>{(d) => scenarioTable(d, '没有待审核的场景需求')}</RemoteView> },
          { key: 'a', label: `已通过待发布（${approved.data?.total ?? 0}）`, children: <RemoteView remote={approved}>{(d) => scenarioTable(d, '没有待发布的场景需求')}</RemoteView> },
          {
            key: 'c',
            label: `待核验能力供给（${caps.data?.total ?? 0}）`,
            children: (
              <RemoteView remote={caps}>
                {(d) => (
                  <Table
                    rowKey="id"
                    dataSource={d.items}
                    pagination={false}
                    locale={{ emptyText: <Empty description="没有待核验的能力供给" /> }}
                    columns={[
                      { title: '能力名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/console/review/capability/${c.id}`}>{t}</Link> },
                      { title: '供给方', render: (_, c) => c.organization.name },
                      { title: '类型', dataIndex: 'kind', width: 90 },
                      { title: 'TRL', dataIndex: 'trl', width: 60 },
                      { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => fmtDate(v, true) },
                      { title: '操作', width: 80, render: (_, c) => <Link to={`/console/review/capability/${c.id}`}>核验</Link> },
                    ]}
                  />
                )}
              </RemoteView>
            ),
          },
        ]}
      />
    </>
  );
}

interface Duplicate {
  id: string;
  other: { id: string; title: string; status: string; regionName: string | null; ownerName: string };
  similarity: number;
  sharedPhrases: string[];
  status: string;
}

export function ReviewScenarioPage() {
  const { id = '' } = useParams();
  const scenario = useRemote(() => api.get<Scenario>(`/scenarios/${id}`), [id]);
  const duplicates = useRemote(() => api.get<Duplicate[]>(`/scenarios/${id}/duplicates`), [id]);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);

  const act = async (action: 'approve' | 'publish') => {
    try {
      await api.post(`/scenarios/${id}/${action}`, {});
      message.success(action === 'approve' ? '已审核通过，可编入清单或直接发布' : '已发布，公众可检索');
      scenario.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const doReturn = async () => {
    const v = (await form.validateFields()) as { comment: string; items?: string[] };
    setErrors([]);
    try {
      await api.post(`/scenarios/${id}/return`, v);
      message.success('已退回，业主方会收到通知');
      setReturning(false);
      form.resetFields();
      scenario.reload();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };

  return (
    <RemoteView remote={scenario}>
      {(s) => (
        <>
          <PageTitle
            title={<Space>{s.title}<StatusTag map={SCENARIO_STATUS} value={s.status} /></Space>}
            sub={`业主：${s.owner.name} · 第 ${s.version} 版 · 提交于 ${fmtDate(s.submittedAt, true)}`}
            extra={
              <Space>
                {s.allowedActions.includes('return') && <Button danger onClick={() => setReturning(true)}>退回修改</Button>}
                {s.allowedActions.includes('approve') && <Button type="primary" onClick={() => void act('approve')}>审核通过</Button>}
                {s.allowedActions.includes('publish') && <Button type="primary" onClick={() => void act('publish')}>直接发布</Button>}
                {s.status === 'approved' && <Button onClick={() => navigate('/console/batches')}>编入清单</Button>}
              </Space>
            }
          />
          {s.readiness && (
            <Card size="small" title="需求成熟度自检" style={{ marginBottom: 16 }}>
              <Space wrap>{s.readiness.map((r) => <Tag key={r.key} color={r.ok ? 'success' : 'warning'}>{r.ok ? '✓' : '✗'} {r.label || READINESS_LABEL[r.key]}{!r.ok && r.hint ? `：${r.hint}` : ''}</Tag>)}</Space>
            </Card>
          )}
          {duplicates.data && duplicates.data.length > 0 && (
            <Alert
              type="warning"
              style={{ marginBottom: 16 }}
              message={`发现 ${duplicates.data.length} 条相似场景`}
              description={duplicates.data.map((d) => (
                <div key={d.id}>
                  <Link to={`/console/review/scenario/${d.other.id}`}>{d.other.title}</Link>（{d.other.ownerName} · {d.other.regionName}）相似度 {Math.round(d.similarity * 100)}%，共同关键词：{d.sharedPhrases.join('、')}
                </div>
              ))}
            />
          )}
          <Row gutter={16}>
            <Col xs={24} xl={14}><ScenarioDescriptions s={s} /></Col>
            <Col xs={24} xl={10}>
              <Space direction="vertical" style={{ width: '100%' }} size={16}>
                <CommentThread scenarioId={s.id} />
                <VersionDiffPanel scenarioId={s.id} />
              </Space>
            </Col>
          </Row>
          <Modal title="退回修改" open={returning} onCancel={() => setReturning(false)} onOk={() => void doReturn()} okText="确认退回" cancelText="取消">
            <FormErrors messages={errors} />
            <Form form={form} layout="vertical">
              <Form.Item name="comment" label="退回意见" rules={[{ required: true, message: '请填写退回意见，告诉业主需要修改什么' }, { max: 2000 }]}>
                <Input.TextArea rows={4} placeholder="例如：请补充试点站点数量和可开放的数据范围" />
              </Form.Item>
              <Form.Item name="items" label="需二次诊断的条目">
                <Checkbox.Group options={Object.entries(READINESS_LABEL).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Form>
          </Modal>
        </>
      )}
    </RemoteView>
  );
}

export function ReviewCapabilityPage() {
  const { id = '' } = useParams();
  const cap = useRemote(() => api.get<Capability>(`/capabilities/${id}`), [id]);
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const act = async (action: string) => {
    try {
      await api.post(`/capabilities/${id}/${action}`, comment ? { comment } : {});
      message.success('操作成功');
      cap.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const LABEL: Record<string, string> = { verify: '核验通过', return: '退回修改', publish: '发布', archive: '归档' };
  return (
    <RemoteView remote={cap}>
      {(c) => (
        <>
          <PageTitle title={<Space>{c.title}<StatusTag map={CAPABILITY_STATUS} value={c.status} /></Space>} sub={`供给方：${c.organization.name}`} />
          <CapabilityDescriptions c={c} />
          <Card size="small" style={{ marginTop: 16 }} title="核验意见">
            <Input.TextArea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="退回时必填" style={{ marginBottom: 8 }} />
            <Space>{c.allowedActions.filter((a) => LABEL[a]).map((a) => <Button key={a} danger={a === 'return'} type={a === 'verify' || a === 'publish' ? 'primary' : 'default'} onClick={() => void act(a)}>{LABEL[a]}</Button>)}</Space>
          </Card>
        </>
      )}
    </RemoteView>
  );
}

export function BatchesConsolePage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<Batch>>('/batches', { page, pageSize: 10 }), [page]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const navigate = useNavigate();
  const create = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setErrors([]);
    try {
      const b = await api.post<Batch>('/batches', Object.fromEntries(Object.entries(v).filter(([, x]) => x)));
      setOpen(false);
      navigate(`/console/batches/${b.id}`);
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };
  return (
    <>
      <PageTitle title="清单管理" sub="编制场景机会清单 / 能力供给清单：添加已审核条目，公示（可选）后发布；发布后为不可变快照。" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>新建清单</Button>} />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="还没有清单，点击右上角新建" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
            columns={[
              { title: '清单名称', dataIndex: 'title', render: (t: string, b) => <Link to={`/console/batches/${b.id}`}>{t}</Link> },
              { title: '类型', dataIndex: 'kindLabel', width: 130 },
              { title: '地区', dataIndex: 'regionName', width: 150 },
              { title: '条目', dataIndex: 'itemCount', width: 70 },
              { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={BATCH_STATUS} value={v} /> },
              { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtDate(v, true) },
            ]}
          />
        )}
      </RemoteView>
      <Modal title="新建清单" open={open} onCancel={() => setOpen(false)} onOk={() => void create()} okText="创建" cancelText="取消">
        <FormErrors messages={errors} />
        <Form form={form} layout="vertical" initialValues={{ kind: 'scenario' }}>
          <Form.Item name="kind" label="清单类型" rules={[{ required: true }]}>
            <Select options={[{ value: 'scenario', label: '场景机会清单' }, { value: 'capability', label: '能力供给清单' }]} />
          </Form.Item>
          <Form.Item name="title" label="清单名称" rules={[{ required: true, message: '请填写清单名称' }, { max: 100 }]}>
            <Input placeholder="例如：2026年第一批场景机会清单" />
          </Form.Item>
          <Form.Item name="description" label="说明"><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="regionCode" label="所属地区（默认为管辖地区）"><RegionCascader /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function BatchComposePage() {
  const { id = '' } = useParams();
  const batch = useRemote(() => api.get<Batch>(`/batches/${id}`), [id]);
  const kind = batch.data?.kind;
  const candidates = useRemote(
    () =>
      kind === 'scenario'
        ? api.get<Page<Scenario>>('/scenarios', { status: 'approved', pageSize: 100 }).then((p) => p.items.map((s) => ({ id: s.id, title: s.title, org: s.owner.name, region: s.regionName ?? '' })))
        : kind === 'capability'
          ? api.get<Page<Capability>>('/capabilities', { status: 'verified', pageSize: 100 }).then((p) => p.items.map((c) => ({ id: c.id, title: c.title, org: c.organization.name, region: c.regionName })))
          : Promise.resolve([]),
    [kind, batch.data?.itemCount],
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [days, setDays] = useState(7);
  const { message, modal } = App.useApp();
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(ok);
      setSelected([]);
      batch.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <RemoteView remote={batch}>
      {(b) => {
        const inBatch = new Set((b.items ?? []).map((i) => i.id));
        const editable = b.status === 'draft';
        return (
          <>
            <PageTitle
              title={<Space>{b.title}<StatusTag map={BATCH_STATUS} value={b.status} /></Space>}
              sub={`${b.kindLabel} · ${b.regionName} · ${b.itemCount} 项${b.noticeEndsAt ? ` · 公示至 ${fmtDate(b.noticeEndsAt, true)}` : ''}`}
              extra={
                <Space>
                  {editable && (
                    <Space.Compact>
                      <InputNumber min={1} max={30} value={days} onChange={(v) => setDays(v ?? 7)} addonAfter="天" style={{ width: 110 }} />
                      <Button onClick={() => void run(() => api.post(`/batches/${b.id}/notice`, { days }), '已进入公示')}>公示</Button>
                    </Space.Compact>
                  )}
                  {['draft', 'notice'].includes(b.status) && (
                    <Button type="primary" disabled={!b.itemCount} onClick={() => modal.confirm({ title: '确认发布此清单？', content: '发布后清单内容固定为快照，公众可查看和下载。', okText: '发布', cancelText: '取消', onOk: () => run(() => api.post(`/batches/${b.id}/publish`), '清单已发布') })}>
                      发布清单
                    </Button>
                  )}
                  <Button icon={<DownloadOutlined />} onClick={() => download(`/batches/${b.id}/export.xlsx`, `${b.title}.xlsx`).catch((e: unknown) => message.error(asApiError(e).userMessage))}>导出 Excel</Button>
                </Space>
              }
            />
            <Row gutter={16}>
              <Col xs={24} xl={editable ? 12 : 24}>
                <Card size="small" title={`清单条目（${b.itemCount}）`}>
                  <Table
                    rowKey="id"
                    size="small"
                    dataSource={b.items ?? []}
                    pagination={false}
                    locale={{ emptyText: <Empty description="清单还没有条目，请从右侧添加" /> }}
                    columns={[
                      { title: '名称', dataIndex: 'title' },
                      { title: '单位', dataIndex: 'organizationDisplayName' },
                      { title: '地区', dataIndex: 'regionName', width: 130 },
                      ...(editable ? [{ title: '操作', width: 70, render: (_: unknown, it: { id: string }) => <Button size="small" type="link" danger onClick={() => void run(() => api.del(`/batches/${b.id}/items/${it.id}`), '已移出')}>移出</Button> }] : []),
                    ]}
                  />
                </Card>
              </Col>
              {editable && (
                <Col xs={24} xl={12}>
                  <Card size="small" title={kind === 'scenario' ? '可编入的场景需求（已审核通过）' : '可编入的能力供给（已核验）'} extra={<Button type="primary" size="small" disabled={!selected.length} onClick={() => void run(() => api.post(`/batches/${b.id}/items`, { itemIds: selected }), `已添加 ${selected.length} 项`)}>添加所选（{selected.length}）</Button>}>
                    <RemoteView remote={candidates}>
                      {(list) => (
                        <Table
                          rowKey="id"
                          size="small"
                          dataSource={list.filter((c) => !inBatch.has(c.id))}
                          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
                          pagination={false}
                          locale={{ emptyText: <Empty description="没有可编入的条目：先在审核队列中审核通过" /> }}
                          columns={[{ title: '名称', dataIndex: 'title' }, { title: '单位', dataIndex: 'org' }, { title: '地区', dataIndex: 'region', width: 130 }]}
                        />
                      )}
                    </RemoteView>
                  </Card>
                </Col>
              )}
            </Row>
          </>
        );
      }}
    </RemoteView>
  );
}

/** No dashboard API exists yet, so the counts are computed from the list endpoints the organizer can read. */
interface AuditRow {
  id: string;
  action: string;
  entityType?: string;
  entityId?: string;
  userId?: string | null;
  actorName?: string | null;
  role?: string | null;
  actorRole?: string | null;
  createdAt: string;
  summary?: string | null;
  before?: unknown;
  after?: unknown;
}

export function AuditPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<AuditRow>>('/audit', { page, pageSize: 20 }), [page]);
  if (list.error?.status === 404) return <><PageTitle title="审计日志" /><Empty description="审计日志查询接口尚未开放" /></>;
  return (
    <>
      <PageTitle title="审计日志" sub="每次状态变更与主办方操作：谁、何时、做了什么" />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={d.items}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', width: 160, render: (v: string) => fmtDate(v, true) },
              { title: '操作人', render: (_, r) => r.actorName ?? r.userId ?? '系统' },
              { title: '角色', render: (_, r) => r.actorRole ?? r.role ?? '—', width: 90 },
              { title: '操作', dataIndex: 'action' },
              { title: '对象', render: (_, r) => `${r.entityType ?? ''} ${r.entityId?.slice(0, 8) ?? ''}` },
              { title: '说明', dataIndex: 'summary', render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

