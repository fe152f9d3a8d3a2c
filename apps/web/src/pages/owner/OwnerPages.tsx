import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import { budgetText, DISMISS_REASONS, MATCH_STATUS, READINESS_LABEL, RESPONSE_STATUS, SCENARIO_STATUS } from '../../api/labels';
import type { ResponseView, Scenario } from '../../api/types';
import { fmtDate, FormErrors, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { CommentThread, VersionDiffPanel } from '../../components/Refinement';
import { ScenarioDescriptions } from '../public/DetailPages';

const ACTION_LABEL: Record<string, string> = { submit: '提交审核', withdraw: '撤回', close: '结束并填报结果', edit: '修改' };

export function MyScenariosPage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1);
  const status = params.get('status') ?? '';
  const list = useRemote(() => api.get<Page<Scenario>>('/scenarios', { page, pageSize: 10, status: status || undefined }), [page, status]);
  const navigate = useNavigate();
  return (
    <>
      <PageTitle
        title="我的场景需求"
        sub="本单位发布的全部场景需求（草稿仅本单位可见）"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/owner/scenarios/new')}>
            发布场景需求
          </Button>
        }
      />
      <Space style={{ marginBottom: 12 }}>
        <span>状态：</span>
        <Select
          style={{ width: 160 }}
          value={status}
          onChange={(v) => setParams(v ? { status: v } : {})}
          options={[{ value: '', label: '全部' }, ...Object.entries(SCENARIO_STATUS).map(([k, v]) => ({ value: k, label: v.text }))]}
        />
      </Space>
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="还没有场景需求，点击右上角“发布场景需求”开始填写" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, showTotal: (t) => `共 ${t} 条`, onChange: (p) => setParams({ ...(status ? { status } : {}), page: String(p) }) }}
            columns={[
              { title: '场景名称', dataIndex: 'title', render: (t: string, s) => <Link to={`/owner/scenarios/${s.id}`}>{t}</Link> },
              { title: '状态', dataIndex: 'status', width: 100, render: (v: string) => <StatusTag map={SCENARIO_STATUS} value={v} /> },
              { title: '领域', dataIndex: 'domains', render: (ds: string[]) => ds.map((x) => <Tag key={x}>{x}</Tag>) },
              { title: '预算', width: 140, render: (_, s) => budgetText(s.budgetMinWan, s.budgetMaxWan, s.budgetNegotiable) },
              { title: '版本', dataIndex: 'version', width: 70 },
              { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: (v: string) => fmtDate(v, true) },
              {
                title: '操作',
                width: 160,
                render: (_, s) => (
                  <Space>
                    <Link to={`/owner/scenarios/${s.id}`}>查看</Link>
                    {['draft', 'returned'].includes(s.status) && <Link to={`/owner/scenarios/${s.id}/edit`}>修改</Link>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

export function OwnerScenarioPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const scenario = useRemote(() => api.get<Scenario>(`/scenarios/${id}`), [id]);
  const [tab, setTab] = useState('detail');
  const [closeOpen, setCloseOpen] = useState(false);

  const act = (action: string) =>
    modal.confirm({
      title: `确认${ACTION_LABEL[action] ?? action}？`,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/scenarios/${id}/${action}`, {});
          message.success(`已${ACTION_LABEL[action] ?? action}`);
          scenario.reload();
        } catch (e) {
          message.error(asApiError(e).userMessage);
        }
      },
    });

  return (
    <RemoteView remote={scenario}>
      {(s) => {
        const lastReturn = s.status === 'returned';
        return (
          <>
            <PageTitle
              title={<Space>{s.title}<StatusTag map={SCENARIO_STATUS} value={s.status} /></Space>}
              sub={`第 ${s.version} 版 · 创建于 ${fmtDate(s.createdAt)}${s.submittedAt ? ` · 提交于 ${fmtDate(s.submittedAt, true)}` : ''}`}
              extra={
                <Space>
                  {['draft', 'returned'].includes(s.status) && <Button onClick={() => navigate(`/owner/scenarios/${s.id}/edit`)}>修改</Button>}
                  {s.allowedActions.includes('submit') && <Button type="primary" onClick={() => act('submit')}>{s.status === 'returned' ? '重新提交审核' : '提交审核'}</Button>}
                  {s.allowedActions.includes('close') && <Button onClick={() => setCloseOpen(true)}>结束并填报结果</Button>}
                  {s.allowedActions.includes('withdraw') && <Button danger onClick={() => act('withdraw')}>撤回</Button>}
                </Space>
              }
            />
            {lastReturn && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="主办方已退回此需求，请根据“凝练打磨”中的意见修改后重新提交。" action={<Button size="small" onClick={() => setTab('refine')}>查看意见</Button>} />}
            {s.status === 'submitted' && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="已提交，等待主办方审核。审核结果会通过消息通知您。" />}
            {s.readiness && s.readiness.some((r) => !r.ok) && (
              <Alert
                type="warning"
                style={{ marginBottom: 16 }}
                message="需求成熟度自检：以下条目尚不完整"
                description={s.readiness.filter((r) => !r.ok).map((r) => <Tag color="warning" key={r.key}>{r.label || READINESS_LABEL[r.key]}{r.hint ? `：${r.hint}` : ''}</Tag>)}
              />
            )}
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'detail', label: '需求详情', children: <ScenarioDescriptions s={s} /> },
                {
                  key: 'refine',
                  label: '凝练打磨',
                  children: (
                    <Space direction="vertical" style={{ width: '100%' }} size={16}>
                      <CommentThread scenarioId={s.id} />
                      <VersionDiffPanel scenarioId={s.id} />
                    </Space>
                  ),
                },
                { key: 'matches', label: '推荐供给', children: <ScenarioMatches scenarioId={s.id} published={s.status === 'published'} /> },
                { key: 'responses', label: '收到的响应', children: <ReceivedResponses scenarioId={s.id} /> },
              ]}
            />
            <CloseScenarioModal scenarioId={s.id} open={closeOpen} onClose={() => setCloseOpen(false)} onDone={scenario.reload} />
          </>
        );
      }}
    </RemoteView>
  );
}

function CloseScenarioModal({ scenarioId, open, onClose, onDone }: { scenarioId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const result = Form.useWatch('result', form);
  const responses = useRemote(() => (open ? api.get<Page<ResponseView>>(`/scenarios/${scenarioId}/responses`, { pageSize: 100 }) : Promise.resolve(undefined)), [open, scenarioId]);
  const { message } = App.useApp();
  const ok = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    setErrors([]);
    try {
      await api.post(`/scenarios/${scenarioId}/close`, v);
      message.success('已填报结果');
      onClose();
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };
  const suppliers = [...new Map((responses.data?.items ?? []).map((r) => [r.organization.id, r.organization.name])).entries()];
  return (
    <Modal title="结束场景并填报结果" open={open} onCancel={onClose} onOk={() => void ok()} okText="提交" cancelText="取消">
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ result: 'landed' }}>
        <Form.Item name="result" label="结果">
          <Radio.Group>
            <Radio value="landed">已落地</Radio>
            <Radio value="not_landed">未落地</Radio>
          </Radio.Group>
        </Form.Item>
        {result === 'landed' ? (
          <Form.Item name="supplierOrganizationId" label="承接的供给方" rules={[{ required: true, message: '请选择承接的供给方' }]}>
            <Select placeholder="从响应过的供给方中选择" options={suppliers.map(([value, label]) => ({ value, label }))} notFoundContent="暂无响应的供给方" />
          </Form.Item>
        ) : (
          <Form.Item name="reason" label="未落地原因" rules={[{ required: true, message: '请填写未落地原因' }, { max: 500 }]}>
            <Input placeholder="例如：预算调整，项目暂缓" />
          </Form.Item>
        )}
        <Form.Item name="comment" label="补充说明">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface Match {
  id: string;
  status: string;
  score: number;
  explanation: string;
  capability?: { id: string; title: string; supplierName?: string; trl?: number | null };
  scenario?: { id: string; title: string; ownerDisplayName?: string };
  allowedActions?: string[];
  ownerInterested?: boolean;
  supplierInterested?: boolean;
  dismissReason?: string | null;
}

export function MatchList({ path, side, published }: { path: string; side: 'owner' | 'supplier'; published: boolean }) {
  const matches = useRemote(() => api.get<Page<Match> | Match[]>(path), [path]);
  const { message } = App.useApp();
  const [dismissing, setDismissing] = useState<Match | null>(null);
  const [reason, setReason] = useState(DISMISS_REASONS[0]);
  const [contacts, setContacts] = useState<Record<string, string>>({});
  const reveal = async (m: Match) => {
    try {
      const c = await api.post<{ owner: Record<string, string | null>; supplier: Record<string, string | null> }>(`/matches/${m.id}/contact`);
      const other = side === 'owner' ? c.supplier : c.owner;
      setContacts((x) => ({ ...x, [m.id]: Object.values(other ?? {}).filter((v) => typeof v === 'string' && v).join('，') }));
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const act = async (m: Match, action: string, body: unknown = {}) => {
    try {
      await api.post(`/matches/${m.id}/${action}`, body);
      message.success(action === 'dismiss' ? '已忽略此推荐' : action === 'interest' ? '已标记感兴趣；对方也感兴趣时将互相可见联系方式' : '已更新');
      matches.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  if (matches.error?.status === 404 && !matches.data) return <Empty description="推荐功能尚未开放，请稍后再来查看" />;
  return (
    <RemoteView
      remote={matches}
      isEmpty={(d) => (Array.isArray(d) ? d : d.items).length === 0}
      empty={<Empty description={published ? '暂无推荐，系统会在有新的匹配时通知您' : '场景发布后，系统会自动推荐匹配的对象'} />}
    >
      {(d) => (
        <>
          <Table
            rowKey="id"
            dataSource={Array.isArray(d) ? d : d.items}
            pagination={false}
            columns={[
              {
                title: side === 'owner' ? '推荐能力供给' : '推荐场景需求',
                render: (_, m) =>
                  side === 'owner' && m.capability ? (
                    <Space direction="vertical" size={0}><Link to={`/capabilities/${m.capability.id}`}>{m.capability.title}</Link><span className="sx-muted">{m.capability.supplierName}</span></Space>
                  ) : m.scenario ? (
                    <Space direction="vertical" size={0}><Link to={`/scenarios/${m.scenario.id}`}>{m.scenario.title}</Link><span className="sx-muted">{m.scenario.ownerDisplayName}</span></Space>
                  ) : (
                    '—'
                  ),
              },
              { title: '匹配度', dataIndex: 'score', width: 90, render: (v: number) => (v <= 1 ? `${Math.round(v * 100)}%` : v.toFixed(1)) },
              { title: '推荐理由', dataIndex: 'explanation', render: (v: string) => <Typography.Text>{v}</Typography.Text> },
              { title: '状态', dataIndex: 'status', width: 110, render: (v: string) => <StatusTag map={MATCH_STATUS} value={v} /> },
              {
                title: '操作',
                width: 200,
                render: (_, m) => (
                  <Space wrap>
                    {(m.allowedActions ?? []).some((a) => /interest/i.test(a)) && <Button size="small" type="link" onClick={() => void act(m, 'interest')}>感兴趣</Button>}
                    {(m.allowedActions ?? []).includes('dismiss') && <Button size="small" type="link" danger onClick={() => setDismissing(m)}>忽略</Button>}
                    {m.status === 'mutual' && !contacts[m.id] && <Button size="small" type="link" onClick={() => void reveal(m)}>查看联系方式</Button>}
                    {contacts[m.id] && <Typography.Text type="success">联系方式：{contacts[m.id]}</Typography.Text>}
                    {m.status !== 'mutual' && (side === 'owner' ? m.ownerInterested : m.supplierInterested) && <Typography.Text type="secondary">已表达意向，等待对方回应</Typography.Text>}
                  </Space>
                ),
              },
            ]}
          />
          <Modal title="忽略此推荐" open={!!dismissing} onCancel={() => setDismissing(null)} onOk={() => { if (dismissing) void act(dismissing, 'dismiss', { reason }); setDismissing(null); }} okText="确认忽略" cancelText="取消">
            <p>请选择原因（用于改进推荐）：</p>
            <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as string)}>
              <Space direction="vertical">
                {DISMISS_REASONS.map((r) => <Radio key={r} value={r}>{r}</Radio>)}
              </Space>
            </Radio.Group>
          </Modal>
        </>
      )}
    </RemoteView>
  );
}

function ScenarioMatches({ scenarioId, published }: { scenarioId: string; published: boolean }) {
  return <MatchList path={`/scenarios/${scenarioId}/matches`} side="owner" published={published} />;
}

const DECISION_LABEL: Record<string, string> = { shortlist: '入围', accept: '采纳', reject: '不予采纳' };

function ReceivedResponses({ scenarioId }: { scenarioId: string }) {
  const list = useRemote(() => api.get<Page<ResponseView>>(`/scenarios/${scenarioId}/responses`, { pageSize: 50 }), [scenarioId]);
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<{ r: ResponseView; action: string } | null>(null);
  const [comment, setComment] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const decide = async () => {
    if (!deciding || submitting) return;
    setSubmitting(true);
    try {
      await api.post(`/scenarios/${scenarioId}/responses/${deciding.r.id}/${deciding.action}`, comment ? { comment } : {});
      message.success(`已${DECISION_LABEL[deciding.action]}`);
      setDeciding(null);
      setComment('');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Empty description="暂未收到响应。场景发布后，供给方可以提交响应方案。" />}>
      {(d) => (
        <>
          <Table
            rowKey="id"
            dataSource={d.items}
            pagination={false}
            expandable={{ expandedRowRender: (r) => <Card size="small"><p><b>实施方案：</b><span className="sx-pre">{r.approach}</span></p><p><b>进度安排：</b>{r.schedule || '—'}</p>{r.capabilities.length > 0 && <p><b>关联能力：</b>{r.capabilities.map((c) => <Link key={c.id} to={`/capabilities/${c.id}`} style={{ marginRight: 8 }}>{c.title}</Link>)}</p>}{r.decisionComment && <p><b>处理意见：</b>{r.decisionComment}</p>}</Card> }}
            columns={[
              { title: '供给方', render: (_, r) => <Space><Link to={`/organizations/${r.organization.id}`}>{r.organization.name}</Link>{r.organization.verified && <Tag color="green">已认证</Tag>}</Space> },
              { title: '资质', render: (_, r) => r.organization.qualifications.map((q) => <Tag key={q} color="gold">{q}</Tag>) },
              { title: '报价', width: 110, render: (_, r) => (r.priceNegotiable || r.priceWan == null ? '面议' : `${r.priceWan} 万元`) },
              { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => fmtDate(v, true) },
              { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={RESPONSE_STATUS} value={v} /> },
              {
                title: '操作',
                width: 200,
                render: (_, r) => (
                  <Space>
                    {(['shortlist', 'accept', 'reject'] as const)
                      .filter((a) => r.allowedActions.includes(a))
                      .map((a) => (
                        <Button key={a} size="small" type={a === 'shortlist' ? 'primary' : 'default'} danger={a === 'reject'} onClick={() => setDeciding({ r, action: a })}>
                          {DECISION_LABEL[a]}
                        </Button>
                      ))}
                  </Space>
                ),
              },
            ]}
          />
          <Modal title={deciding ? `${DECISION_LABEL[deciding.action]}：${deciding.r.organization.name}` : ''} open={!!deciding} onCancel={() => setDeciding(null)} onOk={() => void decide()} confirmLoading={submitting} okText="确认" cancelText="取消">
            <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="处理意见（选填，供给方可见），例如：方案贴合现场条件，请准备路演材料" />
          </Modal>
        </>
      )}
    </RemoteView>
  );
}
