import { DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, List, Modal, Progress, Row, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, download } from '../../api/client';
import type { Acceptance, Application, Challenge, Milestone, Objection, ReviewOverview } from '../../api/challenges';
import { CHALLENGE_STATUS_FULL, MEMBER_STATUS } from '../../api/challenges';
import { APPLICATION_STATUS, ORGANIZATION_TYPES, QUALIFICATIONS } from '../../api/labels';
import { DomainSelect, fmtDate, FormErrors, PageTitle, RegionCascader, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { ChallengeOverview, RankingTable } from './ChallengePublicPages';
import { RecommendationPanel, useJurisdiction } from './RecommendationPanel';

export function ChallengesConsolePage() {
  const [status, setStatus] = useState<string>();
  const list = useRemote(() => api.get<Page<Challenge>>('/challenges', { pageSize: 100, status }), [status]);
  return (
    <>
      <PageTitle title="揭榜挂帅管理" sub="发榜 → 申报 → 形式审查 → 专家评审 → 公示 → 确定揭榜方 → 里程碑 → 验收" extra={<Link to="/console/challenges/new"><Button type="primary" icon={<PlusOutlined />}>新建榜单</Button></Link>} />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            title={() => <Select allowClear placeholder="全部状态" style={{ width: 180 }} value={status} onChange={setStatus} options={Object.entries(CHALLENGE_STATUS_FULL).map(([value, m]) => ({ value, label: m.text }))} />}
            locale={{ emptyText: <Empty description="还没有榜单，点击右上角新建" /> }}
            pagination={false}
            columns={[
              { title: '榜单名称', dataIndex: 'title', render: (t: string, c) => <Space size={4}><Link to={`/console/challenges/${c.id}`}>{t}</Link>{c.recommendation?.required && <Tag color="purple">须逐级推荐</Tag>}</Space> },
              { title: '状态', dataIndex: 'status', width: 160, render: (v: string) => <StatusTag map={CHALLENGE_STATUS_FULL} value={v} /> },
              { title: '奖励', dataIndex: 'awardAmount', width: 100, render: (v: number) => `${v} 万元` },
              { title: '申报时间', width: 260, render: (_, c) => `${fmtDate(c.opensAt, true)} 至 ${fmtDate(c.closesAt, true)}` },
              { title: '创建时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtDate(v, true) },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

interface ChallengeFormValues {
  title: string;
  background?: string;
  domains: string[];
  regionCode?: string;
  indicators: { name: string; targetValue: string; unit?: string; verification: string }[];
  deliverables?: string[];
  awardAmount: number;
  eligibilityRegion?: string;
  organizationTypes?: string[];
  qualifications?: string[];
  consortiumAllowed: boolean;
  maxMembers: number;
  recommendationRequired: boolean;
  quotas?: { county: number; city: number; province: number };
  opensAt: dayjs.Dayjs;
  closesAt: dayjs.Dayjs;
  expertsPerApplication: number;
  rubric: { name: string; weight: number }[];
  blindReview: boolean;
  noticeDays: number;
  milestoneReminderLeadHours?: number;
}

export function ChallengeFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const existing = useRemote(() => (id ? api.get<Challenge>(`/challenges/${id}`) : Promise.resolve(undefined)), [id]);
  const [form] = Form.useForm<ChallengeFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const recommendationRequired = Form.useWatch('recommendationRequired', form);
  const consortiumAllowed = Form.useWatch('consortiumAllowed', form);
  useEffect(() => {
    const c = existing.data;
    if (!c) return;
    form.setFieldsValue({
      ...c,
      eligibilityRegion: c.eligibility.regions[0],
      organizationTypes: c.eligibility.organizationTypes,
      qualifications: c.eligibility.qualifications,
      consortiumAllowed: c.eligibility.consortiumAllowed,
      maxMembers: c.eligibility.maxMembers,
      recommendationRequired: !!c.recommendation?.required,
      quotas: c.recommendation?.quotas,
      opensAt: dayjs(c.opensAt),
      closesAt: dayjs(c.closesAt),
    });
  }, [existing.data, form]);
  const start = dayjs().add(1, 'day').startOf('day').hour(9);
  const submit = async () => {
    const v = await form.validateFields();
    setErrors([]);
    setBusy(true);
    const body = {
      title: v.title,
      background: v.background ?? '',
      domains: v.domains ?? [],
      ...(v.regionCode ? { regionCode: v.regionCode } : {}),
      indicators: v.indicators.map((i) => ({ ...i, unit: i.unit ?? '' })),
      deliverables: v.deliverables ?? [],
      awardAmount: v.awardAmount,
      eligibility: { regions: v.eligibilityRegion ? [v.eligibilityRegion] : [], organizationTypes: v.organizationTypes ?? [], qualifications: v.qualifications ?? [], consortiumAllowed: v.consortiumAllowed, maxMembers: v.consortiumAllowed ? v.maxMembers : 1 },
      recommendation: v.recommendationRequired ? { required: true, quotas: v.quotas ?? { county: 2, city: 3, province: 5 } } : null,
      opensAt: v.opensAt.format(),
      closesAt: v.closesAt.format(),
      expertsPerApplication: v.expertsPerApplication,
      // Keys identify criteria in scores; positional keys keep them stable while the organizer edits names.
      rubric: v.rubric.map((r, i) => ({ key: `c${i + 1}`, name: r.name, weight: r.weight })),
      blindReview: v.blindReview,
      noticeDays: v.noticeDays,
      ...(v.milestoneReminderLeadHours != null ? { milestoneReminderLeadHours: v.milestoneReminderLeadHours } : {}),
    };
    try {
      const saved = editing ? await api.patch<Challenge>(`/challenges/${id}`, body) : await api.post<Challenge>('/challenges', body);
      navigate(`/console/challenges/${saved.id}`);
    } catch (e) {
      setErrors(applyServerErrors(form, e, { 'eligibility.maxMembers': 'maxMembers', 'eligibility.regions': 'eligibilityRegion' }));
    } finally {
      setBusy(false);
    }
  };
  if (editing && existing.loading && !existing.data) return <RemoteView remote={existing}>{() => null}</RemoteView>;
  return (
    <>
      <PageTitle title={editing ? '修改榜单' : '新建榜单'} sub="保存后为草稿；发榜后按申报时间自动开放和截止。" />
      <FormErrors messages={errors} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 980 }}
        initialValues={{
          domains: [],
          indicators: [{ name: '', targetValue: '', unit: '', verification: '第三方检测机构现场测试' }],
          deliverables: [],
          awardAmount: 100,
          consortiumAllowed: true,
          maxMembers: 3,
          recommendationRequired: false,
          quotas: { county: 2, city: 3, province: 5 },
          opensAt: start,
          closesAt: start.add(30, 'day').hour(17),
          expertsPerApplication: 3,
          rubric: [{ name: '技术方案先进性', weight: 40 }, { name: '指标可达性', weight: 30 }, { name: '团队与实施能力', weight: 30 }],
          blindReview: true,
          noticeDays: 7,
          milestoneReminderLeadHours: 72,
        }}
      >
        <Form.Item name="title" label="榜单名称" rules={[{ required: true, message: '请填写榜单名称' }, { max: 200 }]}><Input placeholder="例如：港口集装箱无人集卡高精度定位攻关" /></Form.Item>
        <Form.Item name="background" label="榜单背景与需求" rules={[{ max: 10000 }]}><Input.TextArea rows={4} placeholder="攻关背景、应用场景、现有问题" /></Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="domains" label="领域"><DomainSelect /></Form.Item></Col>
          <Col span={12}><Form.Item name="regionCode" label="主办辖区（默认为本人管辖区域）"><RegionCascader /></Form.Item></Col>
        </Row>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <Form.Item label="技术指标" required>
              {fields.map((f) => (
                <Row key={f.key} gutter={8}>
                  <Col span={6}><Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写指标名称' }]}><Input placeholder="指标名称，如 定位精度" aria-label="指标名称" /></Form.Item></Col>
                  <Col span={4}><Form.Item name={[f.name, 'targetValue']} rules={[{ required: true, message: '请填写目标值' }]}><Input placeholder="目标值，如 ≤5" aria-label="目标值" /></Form.Item></Col>
                  <Col span={3}><Form.Item name={[f.name, 'unit']}><Input placeholder="单位" aria-label="单位" /></Form.Item></Col>
                  <Col span={9}><Form.Item name={[f.name, 'verification']} rules={[{ required: true, message: '请填写验证方式' }]}><Input placeholder="验证方式" aria-label="验证方式" /></Form.Item></Col>
                  <Col span={2}>{fields.length > 1 && <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(f.name)} />}</Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ verification: '第三方检测机构现场测试' })}>增加指标</Button>
            </Form.Item>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={16}><Form.Item name="deliverables" label="交付物（输入后回车）"><Select mode="tags" placeholder="如 样机 1 套、测试报告" open={false} /></Form.Item></Col>
          <Col span={8}><Form.Item name="awardAmount" label="揭榜奖励 / 资助（万元）" rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Card size="small" title="申报条件" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="eligibilityRegion" label="牵头单位注册地（不选为不限）"><RegionCascader placeholder="不限" /></Form.Item></Col>
            <Col span={8}><Form.Item name="organizationTypes" label="单位类型（不选为不限）"><Select mode="multiple" allowClear placeholder="不限" options={ORGANIZATION_TYPES.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
            <Col span={8}><Form.Item name="qualifications" label="牵头单位资质"><Select mode="multiple" allowClear placeholder="不限" options={QUALIFICATIONS.map((t) => ({ value: t, label: t }))} /></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="consortiumAllowed" label="允许联合体" valuePropName="checked"><Switch /></Form.Item></Col>
            {consortiumAllowed && <Col span={6}><Form.Item name="maxMembers" label="单位总数上限（含牵头）"><InputNumber min={2} max={20} style={{ width: '100%' }} /></Form.Item></Col>}
            <Col span={6}><Form.Item name="recommendationRequired" label="须逐级推荐" valuePropName="checked"><Switch /></Form.Item></Col>
          </Row>
          {recommendationRequired && (
            <Row gutter={16}>
              <Col span={6}><Form.Item name={['quotas', 'county']} label="区县推荐名额"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name={['quotas', 'city']} label="设区市推荐名额"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={6}><Form.Item name={['quotas', 'province']} label="省级推荐名额"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          )}
        </Card>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="opensAt" label="申报开始" rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="closesAt" label="申报截止" rules={[{ required: true }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Card size="small" title="评审设置" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="expertsPerApplication" label="每份申报专家数"><InputNumber min={1} max={30} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="blindReview" label="盲审" valuePropName="checked"><Switch /></Form.Item></Col>
            <Col span={6}><Form.Item name="noticeDays" label="公示天数"><InputNumber min={1} max={60} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="milestoneReminderLeadHours" label="里程碑提前提醒（小时）"><InputNumber min={0} max={2160} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Form.List name="rubric">
            {(fields, { add, remove }) => (
              <Form.Item label="评分项与权重" required>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写评分项' }]}><Input placeholder="评分项" style={{ width: 260 }} aria-label="评分项" /></Form.Item>
                    <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: '请填写权重' }]}><InputNumber min={0.01} max={1000} placeholder="权重" aria-label="权重" /></Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ weight: 10 })}>增加评分项</Button>
              </Form.Item>
            )}
          </Form.List>
        </Card>
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()}>{editing ? '保存修改' : '保存为草稿'}</Button>
          <Button onClick={() => navigate(-1)}>返回</Button>
        </Space>
      </Form>
    </>
  );
}

export function ChallengeConsolePage() {
  const { id = '' } = useParams();
  const ch = useRemote(() => api.get<Challenge>(`/challenges/${id}`), [id]);
  const { message, modal } = App.useApp();
  const [windowOpen, setWindowOpen] = useState(false);
  const jurisdiction = useJurisdiction();
  const post = async (path: string, done: string, body?: unknown) => {
    try {
      await api.post(`/challenges/${id}${path}`, body);
      message.success(done);
      ch.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const confirm = (title: string, path: string, done: string, body?: unknown) => modal.confirm({ title, okText: '确定', cancelText: '取消', onOk: () => post(path, done, body) });
  const cancel = () => {
    let comment = '';
    modal.confirm({
      title: '取消榜单',
      content: <Input.TextArea rows={2} placeholder="取消原因（将通知申报单位）" onChange={(e) => (comment = e.target.value)} />,
      okText: '取消榜单',
      okButtonProps: { danger: true },
      cancelText: '返回',
      onOk: () => post('/cancel', '榜单已取消', comment ? { comment } : {}),
    });
  };
  return (
    <RemoteView remote={ch}>
      {(c) => {
        const s = c.status;
        // A recommending body (e.g. a county bureau) sees another body's call only to recommend from its region.
        const manages = jurisdiction.manages(c.regionCode);
        const recommending = !!c.recommendation?.required && !!jurisdiction.code && !['draft', 'published', 'cancelled'].includes(s);
        const recommendTab = recommending ? [{ key: 'recommend', label: '推荐单位推荐', children: <RecommendationPanel challenge={c} /> }] : [];
        return (
          <>
            <PageTitle
              title={<Space>{c.title}<StatusTag map={CHALLENGE_STATUS_FULL} value={s} /></Space>}
              sub={`申报时间 ${fmtDate(c.opensAt, true)} 至 ${fmtDate(c.closesAt, true)}${c.noticeEndsAt ? ` · 公示至 ${fmtDate(c.noticeEndsAt, true)}` : ''}`}
              extra={
                manages && <Space wrap>
                  {s === 'draft' && <Link to={`/console/challenges/${c.id}/edit`}><Button>编辑</Button></Link>}
                  {s === 'draft' && <Button type="primary" onClick={() => confirm('发榜后榜单公开，按申报时间自动开放申报。确定发榜？', '/publish', '已发榜')}>发榜</Button>}
                  {(s === 'published' || s === 'open') && <Button onClick={() => setWindowOpen(true)}>调整申报时间</Button>}
                  {s === 'closed' && <Button type="primary" onClick={() => confirm('启动评审后将自动为每份申报分配专家（回避利益冲突），确定启动？', '/start-review', '已启动专家评审并分配专家')}>启动专家评审</Button>}
                  {s === 'reviewing' && <Button onClick={() => void post('/reviews/assign', '已补充分配专家')}>补充分配专家</Button>}
                  {s === 'reviewing' && <Button type="primary" onClick={() => confirm(`发布后排名与拟揭榜方公示 ${c.noticeDays} 天，确定发布公示？`, '/publish-notice', '已发布公示')}>发布公示</Button>}
                  {s === 'notice' && <Button type="primary" onClick={() => confirm('确定揭榜方后，揭榜方的实施计划将成为里程碑。确定？', '/award', '已确定揭榜方', {})}>确定揭榜方</Button>}
                  {s === 'in_progress' && <Button onClick={() => void post('/acceptance', '已分配验收专家')}>组织验收</Button>}
                  {s !== 'draft' && <Button icon={<DownloadOutlined />} onClick={() => void download(`/challenges/${c.id}/export`, `${c.title}.xlsx`).catch((e: unknown) => message.error(asApiError(e).userMessage))}>导出 Excel</Button>}
                  {['draft', 'published', 'open', 'closed', 'reviewing', 'notice'].includes(s) && <Button danger onClick={cancel}>取消榜单</Button>}
                </Space>
              }
            />
            <Tabs
              destroyOnHidden
              items={[
                { key: 'info', label: '榜单信息', children: <ChallengeOverview c={c} /> },
                ...(manages && s !== 'draft' && s !== 'published' ? [{ key: 'applications', label: '申报与形式审查', children: <ApplicationsTab challenge={c} onChange={ch.reload} /> }] : []),
                ...recommendTab,
                ...(manages && ['reviewing', 'notice', 'awarded', 'in_progress', 'accepted', 'failed'].includes(s) ? [{ key: 'review', label: '专家评审', children: <ReviewTab challenge={c} /> }] : []),
                ...(manages && ['notice', 'awarded', 'in_progress', 'accepted', 'failed'].includes(s) ? [{ key: 'objections', label: '公示与异议', children: <ObjectionsTab challenge={c} /> }] : []),
                ...(manages && ['awarded', 'in_progress', 'accepted', 'failed'].includes(s) ? [{ key: 'milestones', label: '里程碑与验收', children: <MilestonesTab challenge={c} /> }] : []),
              ]}
            />
            <WindowModal challenge={c} open={windowOpen} onClose={() => setWindowOpen(false)} onDone={ch.reload} />
          </>
        );
      }}
    </RemoteView>
  );
}

function WindowModal({ challenge: c, open, onClose, onDone }: { challenge: Challenge; open: boolean; onClose: () => void; onDone: () => void }) {
  const [opensAt, setOpensAt] = useState(dayjs(c.opensAt));
  const [closesAt, setClosesAt] = useState(dayjs(c.closesAt));
  const { message } = App.useApp();
  const ok = async () => {
    try {
      await api.put(`/challenges/${c.id}/window`, { opensAt: opensAt.format(), closesAt: closesAt.format() });
      message.success('已调整申报时间');
      onClose();
      onDone();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <Modal title="调整申报时间" open={open} onCancel={onClose} onOk={() => void ok()} okText="保存" cancelText="取消">
      <Space direction="vertical" style={{ width: '100%' }}>
        {c.status === 'open' && <Alert type="info" showIcon message="申报已开放，只能调整截止时间" />}
        <span>申报开始</span>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={opensAt} onChange={(d) => d && setOpensAt(d)} disabled={c.status === 'open'} style={{ width: '100%' }} />
        <span>申报截止</span>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={closesAt} onChange={(d) => d && setClosesAt(d)} style={{ width: '100%' }} />
      </Space>
    </Modal>
  );
}

function ApplicationsTab({ challenge: c, onChange }: { challenge: Challenge; onChange: () => void }) {
  const list = useRemote(() => api.get<{ items: Application[] }>(`/challenges/${c.id}/applications`), [c.id]);
  const [checking, setChecking] = useState<Application | null>(null);
  const [reason, setReason] = useState('');
  const { message } = App.useApp();
  const check = async (a: Application, passed: boolean, why?: string) => {
    try {
      await api.post(`/challenges/${c.id}/applications/${a.id}/formal-check`, { passed, ...(why ? { reason: why } : {}) });
      message.success(passed ? `${a.code} 形式审查通过` : `${a.code} 形式审查不通过，已通知申报单位`);
      setChecking(null);
      setReason('');
      list.reload();
      onChange();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <RemoteView remote={list}>
      {(d) => (
        <>
          {c.status === 'closed' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="申报已截止：请逐份完成形式审查，全部完成后可启动专家评审。" />}
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="暂无已提交的申报" /> }}
            pagination={false}
            expandable={{
              expandedRowRender: (a) => (
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="技术方案摘要"><div className="sx-pre">{a.summary}</div></Descriptions.Item>
                  <Descriptions.Item label="指标响应">{a.indicatorResponses.map((r) => `${c.indicators[r.indicatorIndex]?.name ?? ''}：${r.proposedValue}${c.indicators[r.indicatorIndex]?.unit ?? ''}`).join('；')}</Descriptions.Item>
                  <Descriptions.Item label="实施计划">{a.plan.map((p, i) => `${i + 1}. ${p.title}（${fmtDate(p.dueAt)}）`).join('；')}</Descriptions.Item>
                </Descriptions>
              ),
            }}
            columns={[
              { title: '编号', dataIndex: 'code', width: 80 },
              { title: '申报单位', render: (_, a) => a.organizations.map((o) => <Tag key={o.organizationId} color={o.role === 'lead' ? 'blue' : undefined}>{o.name}{o.role === 'member' ? `（成员·${MEMBER_STATUS[o.status].text}）` : ''}</Tag>) },
              { title: '状态', dataIndex: 'status', width: 130, render: (v: string, a) => <Space direction="vertical" size={0}><StatusTag map={APPLICATION_STATUS} value={v} />{a.formalCheckReason && <Typography.Text type="secondary">{a.formalCheckReason}</Typography.Text>}</Space> },
              { title: '推荐', width: 100, render: (_, a) => (a.recommendations.length ? a.recommendations.map((r) => ({ county: '区县', city: '市', province: '省' })[r.level]).join(' → ') : '—') },
              { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (v: string) => fmtDate(v, true) },
              {
                title: '形式审查',
                width: 170,
                render: (_, a) =>
                  a.status === 'submitted' && c.status === 'closed' ? (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void check(a, true)}>通过</Button>
                      <Button size="small" danger onClick={() => setChecking(a)}>不通过</Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
          <Modal title={`形式审查不通过：${checking?.code ?? ''}`} open={!!checking} onCancel={() => setChecking(null)} okText="确认不通过" cancelText="取消" okButtonProps={{ danger: true, disabled: !reason.trim() }} onOk={() => void check(checking!, false, reason.trim())}>
            <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="不通过的原因（申报单位可见），如 缺少法人授权书" />
          </Modal>
        </>
      )}
    </RemoteView>
  );
}

function ReviewTab({ challenge: c }: { challenge: Challenge }) {
  const overview = useRemote(() => api.get<ReviewOverview>(`/challenges/${c.id}/reviews`), [c.id]);
  return (
    <>
      <RemoteView remote={overview}>
        {(o) => (
          <Card size="small" title={<Space>评审进度<Progress percent={o.total ? Math.round((o.submitted / o.total) * 100) : 0} size="small" style={{ width: 200 }} />{`${o.submitted}/${o.total}`}{o.aggregated && <Tag color="green">已汇总</Tag>}</Space>} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="assignmentId"
              pagination={false}
              dataSource={o.assignments}
              locale={{ emptyText: <Empty description="尚未分配专家：专家库中没有可回避利益冲突的专家时，请先邀请专家加入专家库后“补充分配专家”" /> }}
              columns={[
                { title: '申报编号', dataIndex: 'applicationCode', width: 100 },
                { title: '评审专家', dataIndex: 'expertName' },
                { title: '状态', dataIndex: 'submitted', width: 100, render: (v: boolean) => (v ? <Tag color="green">已评分</Tag> : <Tag>待评分</Tag>) },
                { title: '加权总分', dataIndex: 'weightedTotal', width: 100, render: (v: number | null) => (v == null ? '—' : v.toFixed(2)) },
              ]}
            />
          </Card>
        )}
      </RemoteView>
      {(c.status !== 'reviewing' || overview.data?.aggregated) && (
        <Card size="small" title="评审排名（含各专家总分，仅主办方可见）"><RankingTable challengeId={c.id} showExperts /></Card>
      )}
    </>
  );
}

function ObjectionsTab({ challenge: c }: { challenge: Challenge }) {
  const list = useRemote(() => api.get<{ items: Objection[]; unanswered: number }>(`/challenges/${c.id}/objections`), [c.id]);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const { message } = App.useApp();
  const answer = async (o: Objection) => {
    try {
      await api.post(`/challenges/${c.id}/objections/${o.id}/answer`, { answer: answers[o.id]?.trim() });
      message.success('已答复异议');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <>
      <Card size="small" title="公示排名" style={{ marginBottom: 16 }}><RankingTable challengeId={c.id} /></Card>
      <RemoteView remote={list}>
        {(d) => (
          <Card size="small" title={`异议（未答复 ${d.unanswered} 条）`} extra={c.status === 'notice' ? <Typography.Text type="secondary">公示期满且全部异议已答复后方可确定揭榜方</Typography.Text> : null}>
            <List
              dataSource={d.items}
              locale={{ emptyText: <Empty description="公示期内暂无异议" /> }}
              renderItem={(o) => (
                <List.Item>
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <span>{o.content}<Typography.Text type="secondary">（{fmtDate(o.createdAt, true)}）</Typography.Text></span>
                    {o.answer ? (
                      <Typography.Text type="success">答复：{o.answer}</Typography.Text>
                    ) : (
                      <Space.Compact style={{ width: '100%' }}>
                        <Input placeholder="答复内容，如 经核查，异议不成立" value={answers[o.id] ?? ''} onChange={(e) => setAnswers({ ...answers, [o.id]: e.target.value })} />
                        <Button type="primary" disabled={!answers[o.id]?.trim()} onClick={() => void answer(o)}>答复</Button>
                      </Space.Compact>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
      </RemoteView>
    </>
  );
}

function MilestonesTab({ challenge: c }: { challenge: Challenge }) {
  const milestones = useRemote(() => api.get<{ items: Milestone[] }>(`/challenges/${c.id}/milestones`), [c.id]);
  const acceptance = useRemote(() => api.get<Acceptance>(`/challenges/${c.id}/acceptance`).catch(() => null), [c.id]);
  const [moving, setMoving] = useState<Milestone | null>(null);
  const [due, setDue] = useState<dayjs.Dayjs | null>(null);
  const { message } = App.useApp();
  const reschedule = async () => {
    try {
      await api.put(`/challenges/${c.id}/milestones/${moving!.id}/due-date`, { dueAt: due!.startOf('day').format() });
      message.success('已调整截止日期，提醒已重新安排');
      setMoving(null);
      milestones.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <>
      {c.status === 'awarded' && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="等待揭榜方牵头单位确认挂帅、启动攻关" />}
      <RemoteView remote={milestones}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.items}
            locale={{ emptyText: <Empty description="暂无里程碑" /> }}
            expandable={{ expandedRowRender: (m) => (m.reports.length ? m.reports.map((r, i) => <div key={i}>{fmtDate(r.at, true)}　{r.percent}%　{r.note}</div>) : <span className="sx-muted">尚无进展报告</span>) }}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '里程碑', dataIndex: 'title' },
              { title: '成果', dataIndex: 'deliverable' },
              { title: '截止日期', dataIndex: 'dueAt', width: 130, render: (v: string, m) => <Typography.Text type={m.overdue ? 'danger' : undefined}>{fmtDate(v)}{m.overdue ? '（逾期）' : ''}</Typography.Text> },
              { title: '进度', dataIndex: 'progressPercent', width: 170, render: (v: number) => <Progress percent={v} size="small" /> },
              { title: '', width: 110, render: (_, m) => (m.status !== 'done' && ['awarded', 'in_progress'].includes(c.status) ? <Button size="small" onClick={() => { setMoving(m); setDue(dayjs(m.dueAt)); }}>调整日期</Button> : null) },
            ]}
          />
        )}
      </RemoteView>
      {acceptance.data && acceptance.data.reviews.length > 0 && (
        <Card size="small" title="验收" style={{ marginTop: 16 }}>
          <Space direction="vertical">
            <span>验收专家 {acceptance.data.reviews.length} 名，已给出结论 {acceptance.data.reviews.filter((r) => r.submittedAt).length} 名</span>
            {acceptance.data.outcome != null && <Tag color={acceptance.data.outcome ? 'green' : 'red'}>{acceptance.data.outcome ? '验收通过' : '验收未通过'}</Tag>}
          </Space>
        </Card>
      )}
      <Modal title={`调整截止日期：${moving?.title ?? ''}`} open={!!moving} onCancel={() => setMoving(null)} onOk={() => void reschedule()} okText="保存" cancelText="取消">
        <DatePicker value={due} onChange={setDue} style={{ width: '100%' }} />
      </Modal>
    </>
  );
}
