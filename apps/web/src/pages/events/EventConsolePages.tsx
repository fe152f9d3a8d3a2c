import { DownloadOutlined, LockOutlined, MinusCircleOutlined, PlayCircleOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, download } from '../../api/client';
import type { EventView, Meeting, MeetingRequest, Registration, ScheduleBoard, ScheduleRun } from '../../api/events';
import { MEETING_KIND, RUN_STATUS, SIDE_LABEL, slotLabel } from '../../api/events';
import { EVENT_STATUS, EVENT_TYPE, MEETING_REQUEST_STATUS, REGISTRATION_STATUS } from '../../api/labels';
import { useAuth } from '../../auth/AuthContext';
import { DomainSelect, fmtDate, FormErrors, PageTitle, RegionCascader, RemoteView, StatusTag, useRegionNames } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { RoadshowOrderPanel, RoadshowRankingPanel } from './RoadshowPanels';

const STATUSES = ['draft', 'published', 'completed', 'cancelled'];

/** The list route filters one status at a time for staff, so the console asks for each and merges. */
export function EventsConsolePage() {
  const list = useRemote(async () => {
    const pages = await Promise.all(STATUSES.map((status) => api.get<Page<EventView>>('/events', { status, pageSize: 100 })));
    return pages.flatMap((p) => p.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }, []);
  const regions = useRegionNames();
  const [status, setStatus] = useState<string>();
  return (
    <>
      <PageTitle
        title="活动管理"
        sub="创建场景对接会 / 场景路演 / 场景体验活动，管理报名、签到、洽谈邀约和自动排期。"
        extra={<Link to="/console/events/new"><Button type="primary" icon={<PlusOutlined />}>新建活动</Button></Link>}
      />
      <RemoteView remote={list}>
        {(rows) => (
          <Table
            rowKey="id"
            dataSource={status ? rows.filter((r) => r.status === status) : rows}
            locale={{ emptyText: <Empty description="还没有活动，点击右上角新建" /> }}
            title={() => (
              <Select allowClear placeholder="全部状态" style={{ width: 160 }} value={status} onChange={setStatus} options={STATUSES.map((s) => ({ value: s, label: EVENT_STATUS[s].text }))} />
            )}
            columns={[
              { title: '活动名称', dataIndex: 'title', render: (t: string, e) => <Link to={`/console/events/${e.id}`}>{t}</Link> },
              { title: '类型', dataIndex: 'type', width: 110, render: (v: string) => EVENT_TYPE[v] },
              { title: '活动日期', width: 170, render: (_, e) => e.days.map((d) => d.date).join('、') },
              { title: '地区', dataIndex: 'regionCode', width: 120, render: (v: string) => regions[v] ?? v },
              { title: '报名（业主 / 供给）', width: 150, render: (_, e) => `${e.registeredOwnerCount}/${e.capacityOwner} · ${e.registeredSupplierCount}/${e.capacitySupplier}` },
              { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={EVENT_STATUS} value={v} /> },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

interface EventFormValues {
  type: string;
  title: string;
  description?: string;
  domains?: string[];
  regionCode: string;
  venue?: string;
  onlineUrl?: string;
  days: { date: dayjs.Dayjs; start: string; end: string }[];
  breaks?: { start: string; end: string }[];
  registrationOpensAt: dayjs.Dayjs;
  registrationClosesAt: dayjs.Dayjs;
  capacityOwner: number;
  capacitySupplier: number;
  slotMinutes: number;
  tableCount?: number;
  maxMeetingsPerParticipant?: number;
  requestExpiryDays?: number;
  meetingPoint?: string;
  meetingTime?: dayjs.Dayjs;
}

const HHMM = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式为 HH:mm，如 09:00' };

export function EventFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const existing = useRemote(() => (id ? api.get<EventView>(`/events/${id}`) : Promise.resolve(undefined)), [id]);
  const [form] = Form.useForm<EventFormValues>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const { user } = useAuth();
  const type = Form.useWatch('type', form);
  useEffect(() => {
    const e = existing.data;
    if (!e) return;
    form.setFieldsValue({
      ...e,
      description: e.description ?? undefined,
      venue: e.venue ?? undefined,
      onlineUrl: e.onlineUrl ?? undefined,
      meetingPoint: e.meetingPoint ?? undefined,
      days: e.days.map((d) => ({ ...d, date: dayjs(d.date) })),
      registrationOpensAt: dayjs(e.registrationOpensAt),
      registrationClosesAt: dayjs(e.registrationClosesAt),
      meetingTime: e.meetingTime ? dayjs(e.meetingTime) : undefined,
    });
  }, [existing.data, form]);
  const start = dayjs().startOf('hour');
  const initialValues = {
    type: 'matchmaking',
    regionCode: user?.jurisdictionRegionCode ?? undefined,
    days: [{ date: start.add(21, 'day'), start: '09:00', end: '12:00' }],
    breaks: [],
    registrationOpensAt: start,
    registrationClosesAt: start.add(14, 'day').hour(18),
    capacityOwner: 30,
    capacitySupplier: 30,
    slotMinutes: 20,
    tableCount: 10,
    maxMeetingsPerParticipant: 6,
    requestExpiryDays: 3,
  };
  const submit = async () => {
    const v = await form.validateFields();
    setErrors([]);
    setBusy(true);
    const body: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '' && x !== null)),
      days: v.days.map((d) => ({ date: d.date.format('YYYY-MM-DD'), start: d.start, end: d.end })),
      breaks: v.breaks ?? [],
      registrationOpensAt: v.registrationOpensAt.format(),
      registrationClosesAt: v.registrationClosesAt.format(),
    };
    if (v.meetingTime) body.meetingTime = v.meetingTime.format();
    if (editing) delete body.type;
    try {
      const saved = editing ? await api.patch<EventView>(`/events/${id}`, body) : await api.post<EventView>('/events', body);
      navigate(`/console/events/${saved.id}`);
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  if (editing && existing.loading && !existing.data) return <RemoteView remote={existing}>{() => null}</RemoteView>;
  return (
    <>
      <PageTitle title={editing ? '修改活动' : '新建活动'} sub="时间均为北京时间；系统按“活动日 × 洽谈时长 − 休息时段”自动推算洽谈时段。保存后为草稿，发布后开放报名。" />
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={initialValues} style={{ maxWidth: 920 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="type" label="活动类型" rules={[{ required: true }]}>
              <Select disabled={editing} options={Object.entries(EVENT_TYPE).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="title" label="活动名称" rules={[{ required: true, message: '请填写活动名称' }, { max: 200 }]}>
              <Input placeholder="例如：2026 宁波市未来产业场景对接会（具身智能专场）" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="description" label="活动介绍"><Input.TextArea rows={3} maxLength={5000} placeholder="活动背景、议程、面向对象等" /></Form.Item>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="domains" label="领域"><DomainSelect /></Form.Item></Col>
          <Col span={12}><Form.Item name="regionCode" label="举办地区" rules={[{ required: true, message: '请选择举办地区' }]}><RegionCascader /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="venue" label="活动地点"><Input placeholder="例如：宁波国际会议中心 3 号厅" /></Form.Item></Col>
          <Col span={12}><Form.Item name="onlineUrl" label="线上参会链接" rules={[{ type: 'url', message: '请填写以 http(s):// 开头的链接' }]}><Input placeholder="选填" /></Form.Item></Col>
        </Row>
        <Form.List name="days">
          {(fields, { add, remove }) => (
            <Form.Item label="活动日程" required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '请选择日期' }]}><DatePicker placeholder="活动日期" aria-label="活动日期" /></Form.Item>
                  <Form.Item name={[f.name, 'start']} rules={[{ required: true, message: '请填写开始时间' }, HHMM]}><Input placeholder="开始 09:00" style={{ width: 120 }} aria-label="开始时间" /></Form.Item>
                  <Form.Item name={[f.name, 'end']} rules={[{ required: true, message: '请填写结束时间' }, HHMM]}><Input placeholder="结束 17:00" style={{ width: 120 }} aria-label="结束时间" /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '09:00', end: '17:00' })}>增加一天</Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.List name="breaks">
          {(fields, { add, remove }) => (
            <Form.Item label="休息时段（每天相同，不安排洽谈）">
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'start']} rules={[{ required: true, message: '请填写' }, HHMM]}><Input placeholder="12:00" style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'end']} rules={[{ required: true, message: '请填写' }, HHMM]}><Input placeholder="13:30" style={{ width: 120 }} /></Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ start: '12:00', end: '13:30' })}>增加休息时段</Button>
            </Form.Item>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="registrationOpensAt" label="报名开始" rules={[{ required: true, message: '请选择报名开始时间' }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={12}><Form.Item name="registrationClosesAt" label="报名截止" rules={[{ required: true, message: '请选择报名截止时间' }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Row gutter={16}>
          <Col span={6}><Form.Item name="capacityOwner" label="业主方名额" rules={[{ required: true }]}><InputNumber min={1} max={1000} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="capacitySupplier" label="供给方名额" rules={[{ required: true }]}><InputNumber min={1} max={1000} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={6}><Form.Item name="slotMinutes" label={type === 'roadshow' ? '每个路演时长（分钟）' : '洽谈时长（分钟）'} rules={[{ required: true }]}><InputNumber min={5} max={240} style={{ width: '100%' }} /></Form.Item></Col>
          {type === 'matchmaking' && <Col span={6}><Form.Item name="tableCount" label="洽谈桌数"><InputNumber min={1} max={200} style={{ width: '100%' }} /></Form.Item></Col>}
        </Row>
        {type === 'matchmaking' && (
          <Row gutter={16}>
            <Col span={6}><Form.Item name="maxMeetingsPerParticipant" label="每单位洽谈上限"><InputNumber min={1} max={50} style={{ width: '100%' }} /></Form.Item></Col>
            <Col span={6}><Form.Item name="requestExpiryDays" label="邀约有效期（天）"><InputNumber min={1} max={30} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        )}
        {type === 'experience' && (
          <Row gutter={16}>
            <Col span={12}><Form.Item name="meetingPoint" label="集合地点" rules={[{ required: true, message: '场景体验活动需填写集合地点' }]}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="meetingTime" label="集合时间" rules={[{ required: true, message: '场景体验活动需填写集合时间' }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        )}
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()}>{editing ? '保存修改' : '保存为草稿'}</Button>
          <Button onClick={() => navigate(-1)}>返回</Button>
        </Space>
      </Form>
    </>
  );
}

export function EventConsolePage() {
  const { id = '' } = useParams();
  const ev = useRemote(() => api.get<EventView>(`/events/${id}`), [id]);
  const { message, modal } = App.useApp();
  const regions = useRegionNames();
  const act = (action: 'publish' | 'cancel' | 'complete', label: string, confirm?: string) => {
    const run = async () => {
      try {
        await api.post(`/events/${id}/${action}`);
        message.success(`已${label}`);
        ev.reload();
      } catch (e) {
        message.error(asApiError(e).userMessage);
      }
    };
    if (confirm) modal.confirm({ title: confirm, okText: label, cancelText: '取消', onOk: run });
    else void run();
  };
  return (
    <RemoteView remote={ev}>
      {(e) => (
        <>
          <PageTitle
            title={<Space>{e.title}<StatusTag map={EVENT_STATUS} value={e.status} /></Space>}
            sub={`${EVENT_TYPE[e.type]} · ${e.days.map((d) => `${d.date} ${d.start}–${d.end}`).join('；')} · ${e.venue ?? e.onlineUrl ?? ''}`}
            extra={
              <Space>
                {e.status === 'draft' && <Link to={`/console/events/${e.id}/edit`}><Button>编辑</Button></Link>}
                {e.status === 'draft' && <Button type="primary" onClick={() => act('publish', '发布', '发布后将公开展示并开放报名，确定发布？')}>发布活动</Button>}
                {e.status === 'published' && <Button onClick={() => act('complete', '结束活动', '结束后未签到的单位将记为未到场，确定结束？')}>结束活动</Button>}
                {(e.status === 'draft' || e.status === 'published') && <Button danger onClick={() => act('cancel', '取消活动', '取消后将通知所有已报名单位，确定取消活动？')}>取消活动</Button>}
              </Space>
            }
          />
          <Tabs
            destroyOnHidden
            items={[
              {
                key: 'info',
                label: '活动信息',
                children: (
                  <>
                    <Row gutter={16} style={{ marginBottom: 16 }}>
                      <Col span={6}><Card size="small"><Statistic title="业主方报名" value={e.registeredOwnerCount} suffix={`/ ${e.capacityOwner}`} /></Card></Col>
                      <Col span={6}><Card size="small"><Statistic title="供给方报名" value={e.registeredSupplierCount} suffix={`/ ${e.capacitySupplier}`} /></Card></Col>
                      <Col span={6}><Card size="small"><Statistic title={e.type === 'roadshow' ? '路演时段' : '洽谈时段'} value={e.slots.length} suffix="个" /></Card></Col>
                      <Col span={6}><Card size="small"><Statistic title="洽谈桌" value={e.type === 'matchmaking' ? e.tableCount : '—'} /></Card></Col>
                    </Row>
                    <Descriptions bordered column={2} size="small">
                      <Descriptions.Item label="举办地区">{regions[e.regionCode] ?? e.regionCode}</Descriptions.Item>
                      <Descriptions.Item label="领域">{e.domains.length ? e.domains.map((d) => <Tag key={d}>{d}</Tag>) : '—'}</Descriptions.Item>
                      <Descriptions.Item label="报名时间" span={2}>{fmtDate(e.registrationOpensAt, true)} 至 {fmtDate(e.registrationClosesAt, true)}</Descriptions.Item>
                      <Descriptions.Item label="休息时段">{e.breaks.length ? e.breaks.map((b) => `${b.start}–${b.end}`).join('、') : '无'}</Descriptions.Item>
                      <Descriptions.Item label={e.type === 'roadshow' ? '每个路演时长' : '洽谈时长'}>{e.slotMinutes} 分钟</Descriptions.Item>
                      <Descriptions.Item label="每单位洽谈上限">{e.maxMeetingsPerParticipant} 场</Descriptions.Item>
                      <Descriptions.Item label="邀约有效期">{e.requestExpiryDays} 天</Descriptions.Item>
                      <Descriptions.Item label="活动介绍" span={2}><div className="sx-pre">{e.description ?? '—'}</div></Descriptions.Item>
                    </Descriptions>
                  </>
                ),
              },
              { key: 'participants', label: '参会单位与签到', children: <Participants event={e} /> },
              ...(e.type === 'matchmaking'
                ? [
                    { key: 'requests', label: '洽谈邀约', children: <AllRequests event={e} /> },
                    { key: 'board', label: '排期看板', children: <Board event={e} /> },
                  ]
                : []),
              ...(e.type === 'roadshow'
                ? [
                    { key: 'roadshow', label: '路演编排', children: <RoadshowOrderPanel event={e} onEventChange={ev.reload} /> },
                    { key: 'ranking', label: '路演排名', children: <RoadshowRankingPanel event={e} /> },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </RemoteView>
  );
}

function Participants({ event }: { event: EventView }) {
  const list = useRemote(() => api.get<{ items: Registration[] }>(`/events/${event.id}/registrations`), [event.id]);
  const [code, setCode] = useState('');
  const [side, setSide] = useState<string>();
  const { message } = App.useApp();
  const checkIn = async (c: string) => {
    try {
      const r = await api.post<Registration>(`/events/${event.id}/registrations/check-in`, { code: c.trim() });
      message.success(`${r.organizationName ?? '该单位'} 已签到`);
      setCode('');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search placeholder="输入或扫描签到码" enterButton="签到" value={code} onChange={(e) => setCode(e.target.value)} onSearch={(v) => v.trim() && void checkIn(v)} style={{ width: 300 }} disabled={event.status !== 'published'} />
        <Select allowClear placeholder="全部身份" style={{ width: 140 }} value={side} onChange={setSide} options={[{ value: 'owner', label: '场景业主方' }, { value: 'supplier', label: '能力供给方' }]} />
      </Space>
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={side ? d.items.filter((r) => r.side === side) : d.items}
            locale={{ emptyText: <Empty description="还没有单位报名" /> }}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '单位', dataIndex: 'organizationName', render: (n: string, r) => <Link to={`/organizations/${r.organizationId}`}>{n}</Link> },
              { title: '身份', dataIndex: 'side', width: 110, render: (v: string) => SIDE_LABEL[v] },
              { title: '参会人员', render: (_, r) => r.attendees.map((a) => [a.name, a.title, a.phone].filter(Boolean).join(' ')).join('；') },
              { title: '报名状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={REGISTRATION_STATUS} value={v} /> },
              { title: '签到码', dataIndex: 'checkInCode', width: 110, render: (v: string | null) => <Typography.Text code>{v ?? '—'}</Typography.Text> },
              {
                title: '签到',
                width: 160,
                render: (_, r) =>
                  r.checkedInAt ? <Tag color="green">已签到 {fmtDate(r.checkedInAt, true).slice(11)}</Tag> : r.noShow ? <Tag>未到场</Tag> : r.status === 'registered' && r.checkInCode && event.status === 'published' ? <Button size="small" onClick={() => void checkIn(r.checkInCode!)}>签到</Button> : null,
              },
              { title: '报名时间', dataIndex: 'createdAt', width: 140, render: (v: string) => fmtDate(v, true) },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

function AllRequests({ event }: { event: EventView }) {
  const [status, setStatus] = useState<string>();
  const list = useRemote(() => api.get<{ items: MeetingRequest[] }>(`/events/${event.id}/meeting-requests`, { status }), [event.id, status]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear placeholder="全部状态" style={{ width: 140 }} value={status} onChange={setStatus} options={Object.entries(MEETING_REQUEST_STATUS).map(([value, m]) => ({ value, label: m.text }))} />
        {list.data && <Typography.Text type="secondary">共 {list.data.items.length} 条；已接受 {list.data.items.filter((r) => r.status === 'accepted').length} 条（其中双向 {list.data.items.filter((r) => r.mutual).length} 条）</Typography.Text>}
      </Space>
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            size="small"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="暂无洽谈邀约" /> }}
            pagination={{ pageSize: 20 }}
            columns={[
              { title: '发起方', render: (_, r) => r.from.organizationName },
              { title: '接收方', render: (_, r) => r.to.organizationName },
              { title: '状态', width: 150, render: (_, r) => <Space size={4}><StatusTag map={MEETING_REQUEST_STATUS} value={r.status} />{r.mutual && <Tag color="magenta">双向</Tag>}</Space> },
              { title: '匹配度', dataIndex: 'matchScore', width: 90, render: (v: number | null) => (v == null ? '—' : `${Math.round(v * 100)}%`) },
              { title: '发起时间', dataIndex: 'createdAt', width: 150, render: (v: string) => fmtDate(v, true) },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

function Board({ event }: { event: EventView }) {
  const board = useRemote(() => api.get<ScheduleBoard>(`/events/${event.id}/schedule`), [event.id]);
  const [run, setRun] = useState<ScheduleRun | null>(null);
  const [moving, setMoving] = useState<Meeting | null>(null);
  const { message } = App.useApp();
  const live = useRef(true);
  useEffect(() => () => void (live.current = false), []);
  const names = new Map<string, string>();
  for (const m of board.data?.meetings ?? []) {
    names.set(m.owner.registrationId, m.owner.organizationName ?? '');
    names.set(m.supplier.registrationId, m.supplier.organizationName ?? '');
  }
  const participants = useRemote(() => api.get<{ items: Registration[] }>(`/events/${event.id}/registrations`), [event.id]);
  for (const r of participants.data?.items ?? []) names.set(r.id, r.organizationName ?? '');

  const schedule = async () => {
    try {
      const accepted = await api.post<{ runId: string }>(`/events/${event.id}/schedule`);
      setRun({ id: accepted.runId, status: 'queued' } as ScheduleRun);
      for (let i = 0; i < 120 && live.current; i++) {
        await new Promise((r) => setTimeout(r, 1000));
        const r = await api.get<ScheduleRun>(`/events/${event.id}/schedule/runs/${accepted.runId}`);
        setRun(r);
        if (r.status === 'succeeded' || r.status === 'failed') {
          if (r.status === 'succeeded') message.success('排期完成');
          else message.error(`排期失败：${r.error ?? '请稍后重试'}`);
          board.reload();
          return;
        }
      }
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const update = async (m: Meeting, body: Record<string, unknown>, done: string) => {
    try {
      await api.patch(`/events/${event.id}/meetings/${m.id}`, body);
      message.success(done);
      board.reload();
      return true;
    } catch (e) {
      message.error(asApiError(e).userMessage);
      return false;
    }
  };
  const cancel = async (m: Meeting) => {
    try {
      await api.post(`/events/${event.id}/meetings/${m.id}/cancel`);
      message.success('已取消该场洽谈，并通知双方');
      board.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const exportExcel = async () => {
    try {
      await download(`/events/${event.id}/schedule.xlsx`, `${event.title}-洽谈排期表.xlsx`);
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const running = run && (run.status === 'queued' || run.status === 'running');
  return (
    <RemoteView remote={board}>
      {(b) => {
        const latest = run?.status === 'succeeded' || run?.status === 'failed' ? run : (b.latestRun ?? run);
        return (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <Button type="primary" icon={<PlayCircleOutlined />} loading={!!running} disabled={event.status !== 'published'} onClick={() => void schedule()}>
                运行自动排程
              </Button>
              <Button icon={<DownloadOutlined />} onClick={() => void exportExcel()} disabled={!b.meetings.length}>导出排期表（Excel）</Button>
              {latest && (
                <Typography.Text type="secondary" data-testid="schedule-run">
                  最近一次排期：<StatusTag map={RUN_STATUS} value={latest.status} />
                  {latest.finishedAt ? fmtDate(latest.finishedAt, true) : ''}
                  {latest.status === 'succeeded' ? `，已安排 ${b.meetings.length} 场，未安排 ${b.unplaced.length} 项` : ''}
                </Typography.Text>
              )}
            </Space>
            <Alert type="info" showIcon style={{ marginBottom: 12 }} message="排期优先级：双向邀约 > 已接受的邀约 > 平台推荐。锁定的洽谈在重新排期时保持不动；手工移动后自动锁定。" />
            {!b.meetings.length ? (
              <Empty description={event.status === 'published' ? '尚未排期：参会单位接受洽谈邀约后，点击“运行自动排程”' : '活动未在报名中，无法排期'} />
            ) : (
              <div style={{ overflowX: 'auto' }}>
                <table className="sx-board-grid" data-testid="schedule-board">
                  <thead>
                    <tr>
                      <th style={{ width: 130 }}>时段</th>
                      {b.tables.map((t) => <th key={t}>{t}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {b.board.map((row) => (
                      <tr key={row.slot.id}>
                        <th>{slotLabel(row.slot)}</th>
                        {row.cells.map((c) => (
                          <td key={c.tableNo}>
                            {c.meeting && (
                              <div className={`sx-meeting${c.meeting.locked ? ' sx-meeting-locked' : ''}`} data-testid="meeting-card">
                                <div className="sx-meeting-party"><span className="sx-meeting-side">业主</span>{c.meeting.owner.organizationName}</div>
                                <div className="sx-meeting-party"><span className="sx-meeting-side">供给</span>{c.meeting.supplier.organizationName}</div>
                                <Space size={2} wrap style={{ marginTop: 4 }}>
                                  <StatusTag map={MEETING_KIND} value={c.meeting.kind} />
                                  {c.meeting.locked && <Tag icon={<LockOutlined />} color="gold">已锁定</Tag>}
                                </Space>
                                <Space size={0} style={{ marginTop: 4 }}>
                                  <Button size="small" type="link" icon={c.meeting.locked ? <UnlockOutlined /> : <LockOutlined />} onClick={() => void update(c.meeting!, { locked: !c.meeting!.locked }, c.meeting!.locked ? '已解锁' : '已锁定')}>
                                    {c.meeting.locked ? '解锁' : '锁定'}
                                  </Button>
                                  <Button size="small" type="link" onClick={() => setMoving(c.meeting)}>移动</Button>
                                  <Popconfirm title="取消这场洽谈？将通知双方，重新排期时不会再排入" okText="取消洽谈" cancelText="保留" onConfirm={() => void cancel(c.meeting!)}>
                                    <Button size="small" type="link" danger>取消</Button>
                                  </Popconfirm>
                                </Space>
                              </div>
                            )}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Card size="small" title={`未能安排（${b.unplaced.length}）`} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey="requestId"
                pagination={false}
                dataSource={b.unplaced}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="所有邀约均已安排" /> }}
                columns={[
                  { title: '场景业主方', render: (_, u) => names.get(u.ownerRegistrationId) ?? '—' },
                  { title: '能力供给方', render: (_, u) => names.get(u.supplierRegistrationId) ?? '—' },
                  { title: '来源', dataIndex: 'kind', width: 110, render: (v: string) => <StatusTag map={MEETING_KIND} value={v} /> },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            </Card>
            <MoveModal key={moving?.id ?? 'none'} board={b} meeting={moving} onClose={() => setMoving(null)} onMove={async (slotId, tableNo) => (await update(moving!, { slotId, tableNo }, '已移动并锁定')) && setMoving(null)} />
          </>
        );
      }}
    </RemoteView>
  );
}

/** Only cells that are free, and where neither party already sits elsewhere in that slot, are offered. */
function MoveModal({ board, meeting, onClose, onMove }: { board: ScheduleBoard; meeting: Meeting | null; onClose: () => void; onMove: (slotId: string, tableNo: number) => Promise<unknown> }) {
  // Mounted afresh per meeting (keyed by its id), so the initial values need no effect that could race a pick.
  const [slotId, setSlotId] = useState<string | undefined>(meeting?.slotId);
  const [tableNo, setTableNo] = useState<number | undefined>(meeting?.tableNo);
  if (!meeting) return null;
  const busyParty = (sid: string) =>
    board.meetings.some((m) => m.id !== meeting.id && m.slotId === sid && (m.owner.registrationId === meeting.owner.registrationId || m.supplier.registrationId === meeting.supplier.registrationId));
  const row = board.board.find((r) => r.slot.id === slotId);
  const freeTables = row ? row.cells.filter((c) => !c.meeting || c.meeting.id === meeting.id).map((c) => c.tableNo) : [];
  return (
    <Modal
      title="移动洽谈"
      open
      onCancel={onClose}
      okText="移动"
      cancelText="取消"
      okButtonProps={{ disabled: !slotId || !tableNo || (slotId === meeting.slotId && tableNo === meeting.tableNo) }}
      onOk={() => void onMove(slotId!, tableNo!)}
    >
      <Typography.Paragraph>
        {meeting.owner.organizationName} × {meeting.supplier.organizationName}（当前：{slotLabel(meeting)}，{meeting.tableName}）
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="移到时段">
          <Select
            showSearch
            optionFilterProp="label"
            value={slotId}
            onChange={(v) => {
              setSlotId(v);
              setTableNo(undefined);
            }}
            options={board.slots.map((s) => ({ value: s.id, label: slotLabel(s) + (busyParty(s.id) ? '（一方已有洽谈）' : ''), disabled: busyParty(s.id) }))}
          />
        </Form.Item>
        <Form.Item label="洽谈桌" extra="仅列出该时段空闲的洽谈桌；移动后自动锁定，并同步调整提醒">
          <Select showSearch optionFilterProp="label" value={tableNo} onChange={setTableNo} options={freeTables.map((t) => ({ value: t, label: board.tables[t - 1] ?? `第 ${t} 桌` }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
