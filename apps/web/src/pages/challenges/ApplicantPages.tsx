import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Progress, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import type { Application, Challenge, Milestone } from '../../api/challenges';
import { CHALLENGE_STATUS_FULL, MEMBER_STATUS } from '../../api/challenges';
import { APPLICATION_STATUS } from '../../api/labels';
import { useAuth } from '../../auth/AuthContext';
import { fmtDate, FormErrors, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { RankingTable } from './ChallengePublicPages';

/** Applications this organization takes part in that are still alive (a withdrawn one does not block a new one). */
function liveApplication(items: Application[], orgId: string | undefined): Application | undefined {
  return items.find((a) => a.status !== 'withdrawn' && a.organizations.some((o) => o.organizationId === orgId && o.status !== 'declined'));
}

/** What `GET /challenges/applications/mine` returns of each call. */
type ChallengeSummary = Pick<Challenge, 'id' | 'title' | 'status' | 'statusLabel' | 'awardAmount' | 'closesAt' | 'winnerApplicationId'>;

/** This organization's applications across calls, and the open calls it has not applied to: two requests however many calls. */
export function MyApplicationsPage() {
  const { user } = useAuth();
  const data = useRemote(async () => {
    const [mine, open] = await Promise.all([
      api.get<Page<{ application: Application; challenge: ChallengeSummary }>>('/challenges/applications/mine', { pageSize: 100 }),
      api.get<Page<Challenge>>('/challenges', { status: 'open', pageSize: 50 }),
    ]);
    const applicationsFor = (id: string) => mine.items.filter((x) => x.challenge.id === id).map((x) => x.application);
    return { mine: mine.items, open: open.items.filter((c) => !liveApplication(applicationsFor(c.id), user?.organizationId)) };
  }, [user?.organizationId]);
  return (
    <>
      <PageTitle title="揭榜申报" sub="单独申报或组建联合体揭榜；联合体成员单位需确认邀请。申报截止前可修改、撤回。" />
      <RemoteView remote={data}>
        {({ mine, open }) => {
          return (
            <>
              <Card size="small" title="我的申报" style={{ marginBottom: 16 }}>
                <Table
                  rowKey={(r) => r.application.id}
                  pagination={false}
                  dataSource={mine}
                  locale={{ emptyText: <Empty description="还没有申报，可在下方选择申报中的榜单" /> }}
                  columns={[
                    { title: '榜单', render: (_, r) => <Link to={`/supplier/challenges/${r.challenge.id}`}>{r.challenge.title}</Link> },
                    { title: '申报编号', width: 100, render: (_, r) => r.application.code },
                    {
                      title: '本单位角色',
                      width: 150,
                      render: (_, r) => {
                        const me = r.application.organizations.find((o) => o.organizationId === user?.organizationId);
                        return me ? <Space size={4}><Tag>{me.role === 'lead' ? '牵头单位' : '联合体成员'}</Tag>{me.role === 'member' && <StatusTag map={MEMBER_STATUS} value={me.status} />}</Space> : null;
                      },
                    },
                    { title: '申报状态', width: 130, render: (_, r) => <StatusTag map={APPLICATION_STATUS} value={r.application.status} /> },
                    { title: '榜单状态', width: 150, render: (_, r) => <StatusTag map={CHALLENGE_STATUS_FULL} value={r.challenge.status} /> },
                    { title: '揭榜结果', width: 110, render: (_, r) => (r.challenge.winnerApplicationId === r.application.id ? <Tag color="gold">已揭榜</Tag> : null) },
                  ]}
                />
              </Card>
              <Card size="small" title="正在申报的榜单">
                <Table
                  rowKey="id"
                  pagination={false}
                  dataSource={open}
                  locale={{ emptyText: <Empty description="暂无可申报的榜单" /> }}
                  columns={[
                    { title: '榜单', render: (_, c) => <Link to={`/challenges/${c.id}`}>{c.title}</Link> },
                    { title: '揭榜奖励', width: 110, render: (_, c) => `${c.awardAmount} 万元` },
                    { title: '申报截止', width: 150, render: (_, c) => fmtDate(c.closesAt, true) },
                    { title: '', width: 110, render: (_, c) => <Link to={`/supplier/challenges/${c.id}`}><Button size="small" type="primary">我要揭榜</Button></Link> },
                  ]}
                />
              </Card>
            </>
          );
        }}
      </RemoteView>
    </>
  );
}

export function ApplicantChallengePage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const data = useRemote(async () => {
    const challenge = await api.get<Challenge>(`/challenges/${id}`);
    const apps = challenge.status === 'published' ? { items: [] } : await api.get<{ items: Application[] }>(`/challenges/${id}/applications`);
    return { challenge, application: liveApplication(apps.items, user?.organizationId) };
  }, [id]);
  return (
    <RemoteView remote={data}>
      {({ challenge: c, application: a }) => {
        const me = a?.organizations.find((o) => o.organizationId === user?.organizationId);
        return (
          <>
            <PageTitle title={<Space>揭榜申报：{c.title}<StatusTag map={CHALLENGE_STATUS_FULL} value={c.status} /></Space>} sub={`申报时间 ${fmtDate(c.opensAt, true)} 至 ${fmtDate(c.closesAt, true)} · 揭榜奖励 ${c.awardAmount} 万元`} extra={<Link to={`/challenges/${c.id}`}>查看榜单详情</Link>} />
            {!a && c.status !== 'open' && <Alert type="info" showIcon message={c.status === 'published' ? `申报将于 ${fmtDate(c.opensAt, true)} 开放` : '本榜单已不在申报期，本单位未参与申报'} />}
            {!a && c.status === 'open' && <ApplicationForm challenge={c} onSaved={data.reload} />}
            {a && me?.role === 'lead' && a.status === 'draft' && c.status === 'open' && <ApplicationForm challenge={c} application={a} onSaved={data.reload} />}
            {a && !(me?.role === 'lead' && a.status === 'draft' && c.status === 'open') && <ApplicationView challenge={c} application={a} onChange={data.reload} />}
            {a && c.winnerApplicationId === a.id && ['awarded', 'in_progress', 'accepted', 'failed'].includes(c.status) && <WinnerPanel challenge={c} lead={me?.role === 'lead'} onChange={data.reload} />}
            {['notice', 'awarded', 'in_progress', 'accepted', 'failed'].includes(c.status) && (
              <Card size="small" title="评审结果" style={{ marginTop: 16 }}><RankingTable challengeId={c.id} /></Card>
            )}
          </>
        );
      }}
    </RemoteView>
  );
}

interface FormValues {
  summary: string;
  indicators: { proposedValue?: string; evidence?: string }[];
  plan: { title: string; deliverable?: string; dueAt: dayjs.Dayjs }[];
  members?: { creditCode: string }[];
}

function ApplicationForm({ challenge: c, application: a, onSaved }: { challenge: Challenge; application?: Application; onSaved: () => void }) {
  const [form] = Form.useForm<FormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  useEffect(() => {
    form.setFieldsValue({
      summary: a?.summary ?? '',
      indicators: c.indicators.map((_, i) => {
        const r = a?.indicatorResponses.find((x) => x.indicatorIndex === i);
        return { proposedValue: r?.proposedValue, evidence: r?.evidence };
      }),
      plan: a?.plan.length ? a.plan.map((p) => ({ title: p.title, deliverable: p.deliverable, dueAt: dayjs(p.dueAt) })) : [{ title: '', deliverable: '', dueAt: dayjs(c.closesAt).add(6, 'month').startOf('day') }],
    });
  }, [a, c, form]);
  const body = (v: FormValues) => ({
    summary: v.summary,
    indicatorResponses: v.indicators.map((x, i) => ({ indicatorIndex: i, proposedValue: x.proposedValue ?? '', evidence: x.evidence ?? '' })).filter((x) => x.proposedValue || x.evidence),
    plan: v.plan.map((p) => ({ title: p.title, deliverable: p.deliverable ?? '', dueAt: p.dueAt.startOf('day').format() })),
  });
  const save = async (submit: boolean) => {
    const v = await form.validateFields();
    setErrors([]);
    setBusy(true);
    let created = false;
    try {
      let saved: Application;
      if (a) saved = await api.patch<Application>(`/challenges/${c.id}/applications/${a.id}`, body(v));
      else saved = await api.post<Application>(`/challenges/${c.id}/applications`, { ...body(v), ...(v.members?.length ? { members: v.members.filter((m) => m.creditCode) } : {}) });
      created = !a;
      if (submit) {
        await api.post(`/challenges/${c.id}/applications/${saved.id}/submit`);
        message.success('申报已提交，截止前可撤回');
      } else message.success('已保存草稿');
      onSaved();
    } catch (e) {
      setErrors(applyServerErrors(form, e, { 'indicatorResponses': 'indicators' }));
      // The draft was saved but submitting failed: show the draft (with its id) so the user can fix and resubmit.
      if (created) onSaved();
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async () => {
    try {
      await api.post(`/challenges/${c.id}/applications/${a!.id}/withdraw`);
      message.success('已撤回申报');
      onSaved();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const pendingMembers = a?.organizations.filter((o) => o.role === 'member' && o.status === 'invited') ?? [];
  return (
    <Card title={a ? `申报书 ${a.code}（草稿）` : '填写申报书'} style={{ maxWidth: 1000 }}>
      {a && a.organizations.length > 1 && (
        <Alert
          type={pendingMembers.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          message={`联合体：${a.organizations.map((o) => `${o.name}（${o.role === 'lead' ? '牵头' : MEMBER_STATUS[o.status].text}）`).join('、')}`}
          description={pendingMembers.length ? '成员单位全部确认后才能提交；成员单位登录后在“揭榜申报”中确认。' : undefined}
        />
      )}
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical">
        <Form.Item name="summary" label="技术方案摘要" rules={[{ required: true, message: '请填写技术方案摘要' }, { max: 10000 }]}>
          <Input.TextArea rows={4} placeholder="技术路线、创新点、已有基础（如检测报告、落地案例）" />
        </Form.Item>
        <Typography.Text strong>指标响应</Typography.Text>
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          style={{ margin: '8px 0 16px' }}
          dataSource={c.indicators.map((ind, i) => ({ ...ind, i }))}
          columns={[
            { title: '指标', dataIndex: 'name', width: 160 },
            { title: '榜单要求', width: 120, render: (_, x) => `${x.targetValue} ${x.unit}` },
            { title: '拟达到', width: 160, render: (_, x) => <Form.Item name={['indicators', x.i, 'proposedValue']} style={{ margin: 0 }} rules={[{ required: true, message: '请填写拟达到的数值' }]}><Input placeholder="如 3" aria-label={`${x.name} 拟达到`} /></Form.Item> },
            { title: '佐证材料', render: (_, x) => <Form.Item name={['indicators', x.i, 'evidence']} style={{ margin: 0 }}><Input placeholder="检测报告编号、测试数据等" aria-label={`${x.name} 佐证材料`} /></Form.Item> },
          ]}
        />
        <Form.List name="plan">
          {(fields, { add, remove }) => (
            <Form.Item label="实施计划（中榜后成为里程碑）" required>
              {fields.map((f) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col span={8}><Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写阶段名称' }]}><Input placeholder="阶段名称，如 完成样机研制" aria-label="阶段名称" /></Form.Item></Col>
                  <Col span={9}><Form.Item name={[f.name, 'deliverable']}><Input placeholder="阶段成果，如 样机 1 套及测试报告" aria-label="阶段成果" /></Form.Item></Col>
                  <Col span={5}><Form.Item name={[f.name, 'dueAt']} rules={[{ required: true, message: '请选择完成日期' }]}><DatePicker placeholder="完成日期" style={{ width: '100%' }} /></Form.Item></Col>
                  <Col span={2}>{fields.length > 1 && <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(f.name)} />}</Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ dueAt: dayjs(c.closesAt).add(fields.length + 6, 'month').startOf('day') })}>增加阶段</Button>
            </Form.Item>
          )}
        </Form.List>
        {!a && c.eligibility.consortiumAllowed && (
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <Form.Item label={`联合体成员单位（选填，含牵头单位不超过 ${c.eligibility.maxMembers} 家）`} extra="填写成员单位的统一社会信用代码；成员单位确认后方可提交">
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'creditCode']} rules={[{ required: true, message: '请填写统一社会信用代码' }, { len: 18, message: '统一社会信用代码为 18 位' }]}><Input placeholder="统一社会信用代码" style={{ width: 260 }} aria-label="成员单位信用代码" /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} />
                  </Space>
                ))}
                {fields.length < c.eligibility.maxMembers - 1 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ creditCode: '' })}>邀请成员单位</Button>}
              </Form.Item>
            )}
          </Form.List>
        )}
        <Space>
          <Button loading={busy} onClick={() => void save(false)}>保存草稿</Button>
          <Button type="primary" loading={busy} disabled={pendingMembers.length > 0} onClick={() => void save(true)}>提交申报</Button>
          {a && (
            <Popconfirm title="撤回后本申报作废，确定撤回？" okText="撤回" cancelText="取消" onConfirm={() => void withdraw()}>
              <Button danger>撤回</Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
    </Card>
  );
}

function ApplicationView({ challenge: c, application: a, onChange }: { challenge: Challenge; application: Application; onChange: () => void }) {
  const { user } = useAuth();
  const { message } = App.useApp();
  const me = a.organizations.find((o) => o.organizationId === user?.organizationId);
  const act = async (action: 'confirm' | 'decline' | 'withdraw', done: string) => {
    try {
      await api.post(`/challenges/${c.id}/applications/${a.id}/${action}`);
      message.success(done);
      onChange();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <Card
      title={<Space>申报书 {a.code}<StatusTag map={APPLICATION_STATUS} value={a.status} />{c.winnerApplicationId === a.id && <Tag color="gold">已揭榜</Tag>}</Space>}
      extra={
        <Space>
          {me?.role === 'member' && me.status === 'invited' && (
            <>
              <Button type="primary" onClick={() => void act('confirm', '已确认加入联合体')}>确认加入联合体</Button>
              <Button danger onClick={() => void act('decline', '已拒绝邀请')}>拒绝邀请</Button>
            </>
          )}
          {me?.role === 'lead' && a.status === 'submitted' && c.status === 'open' && (
            <Popconfirm title="撤回后本申报作废，确定撤回？" okText="撤回" cancelText="取消" onConfirm={() => void act('withdraw', '已撤回申报')}>
              <Button danger>撤回申报</Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      {a.status === 'rejected' && a.formalCheckReason && <Alert type="error" showIcon style={{ marginBottom: 16 }} message="形式审查未通过" description={a.formalCheckReason} />}
      <Descriptions bordered column={1} size="small">
        <Descriptions.Item label="参与单位">{a.organizations.map((o) => <Tag key={o.organizationId}>{o.name}（{o.role === 'lead' ? '牵头' : MEMBER_STATUS[o.status].text}）</Tag>)}</Descriptions.Item>
        <Descriptions.Item label="提交时间">{fmtDate(a.submittedAt, true)}</Descriptions.Item>
        <Descriptions.Item label="技术方案摘要"><div className="sx-pre">{a.summary}</div></Descriptions.Item>
        <Descriptions.Item label="指标响应">
          {a.indicatorResponses.map((r) => (
            <div key={r.indicatorIndex}>
              {c.indicators[r.indicatorIndex]?.name ?? `指标 ${r.indicatorIndex + 1}`}：拟达到 <b>{r.proposedValue}</b> {c.indicators[r.indicatorIndex]?.unit}
              {r.evidence ? <Typography.Text type="secondary">（{r.evidence}）</Typography.Text> : null}
            </div>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="实施计划">{a.plan.map((p, i) => <div key={i}>{i + 1}. {p.title}（{fmtDate(p.dueAt)}）{p.deliverable ? ` — ${p.deliverable}` : ''}</div>)}</Descriptions.Item>
        {a.recommendations.length > 0 && <Descriptions.Item label="推荐情况">{a.recommendations.map((r) => `${{ county: '区县', city: '设区市', province: '省级' }[r.level] ?? r.level}推荐${r.comment ? `：${r.comment}` : ''}`).join('；')}</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

function WinnerPanel({ challenge: c, lead, onChange }: { challenge: Challenge; lead: boolean; onChange: () => void }) {
  const milestones = useRemote(() => api.get<{ items: Milestone[] }>(`/challenges/${c.id}/milestones`), [c.id]);
  const [reporting, setReporting] = useState<Milestone | null>(null);
  const [percent, setPercent] = useState<number | null>(100);
  const [note, setNote] = useState('');
  const { message } = App.useApp();
  const startWork = async () => {
    try {
      await api.post(`/challenges/${c.id}/start-work`);
      message.success('已确认挂帅，攻关正式启动');
      onChange();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const report = async () => {
    try {
      await api.post(`/challenges/${c.id}/milestones/${reporting!.id}/progress`, { percent: percent ?? 0, note });
      message.success('已报告进展');
      setReporting(null);
      setNote('');
      milestones.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <Card size="small" title="挂帅攻关与里程碑" style={{ marginTop: 16 }} extra={c.status === 'awarded' && lead ? <Button type="primary" onClick={() => void startWork()}>确认挂帅，启动攻关</Button> : null}>
      {c.status === 'awarded' && <Alert type="success" showIcon style={{ marginBottom: 12 }} message="恭喜，贵单位已被确定为揭榜方" description="牵头单位确认挂帅后，按里程碑报告进展；全部完成后由主办方组织验收。" />}
      <RemoteView remote={milestones} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无里程碑" />}>
        {(d) => (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={d.items}
            columns={[
              { title: '序号', dataIndex: 'seq', width: 60 },
              { title: '里程碑', dataIndex: 'title' },
              { title: '成果', dataIndex: 'deliverable' },
              { title: '截止日期', dataIndex: 'dueAt', width: 110, render: (v: string, m) => <Typography.Text type={m.overdue ? 'danger' : undefined}>{fmtDate(v)}{m.overdue ? '（逾期）' : ''}</Typography.Text> },
              { title: '进度', dataIndex: 'progressPercent', width: 160, render: (v: number) => <Progress percent={v} size="small" /> },
              { title: '', width: 100, render: (_, m) => (lead && c.status === 'in_progress' && m.status !== 'done' ? <Button size="small" onClick={() => setReporting(m)}>报告进展</Button> : null) },
            ]}
          />
        )}
      </RemoteView>
      <Modal title={`报告进展：${reporting?.title ?? ''}`} open={!!reporting} onCancel={() => setReporting(null)} onOk={() => void report()} okText="提交" cancelText="取消">
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>完成百分比（100 表示该里程碑已完成）</span>
          <InputNumber min={0} max={100} value={percent} onChange={setPercent} addonAfter="%" />
          <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="进展说明，如 样机已完成装配，开始联调" />
        </Space>
      </Modal>
    </Card>
  );
}
