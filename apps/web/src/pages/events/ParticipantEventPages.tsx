import { CalendarOutlined, DownloadOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, ApiError, download } from '../../api/client';
import type { Agenda, EventView, Meeting, MeetingRequest, Registration, SuggestedPartner } from '../../api/events';
import { MEETING_KIND, MEETING_OUTCOMES, SIDE_LABEL, slotLabel } from '../../api/events';
import { EVENT_STATUS, EVENT_TYPE, MEETING_REQUEST_STATUS, REGISTRATION_STATUS } from '../../api/labels';
import { useAuth } from '../../auth/AuthContext';
import { fmtDate, FormErrors, PageTitle, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { RoadshowAgendaPanel } from './RoadshowPanels';

/** My registration for an event, or null when this organization has not registered (the API answers 404). */
function myRegistration(eventId: string): Promise<Registration | null> {
  return api.get<Registration>(`/events/${eventId}/registrations/me`).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/** The events this organization registered for, then the open ones it has not: two requests however many events. */
export function MyEventsPage() {
  const list = useRemote(async () => {
    const [open, mine] = await Promise.all([
      api.get<Page<EventView>>('/events', { status: 'published', pageSize: 50 }),
      api.get<Page<{ registration: Registration; event: EventView }>>('/events/registrations/mine', { pageSize: 100 }),
    ]);
    const registered = new Set(mine.items.map((x) => x.event.id));
    const rows: Array<{ event: EventView; registration: Registration | null }> = [...mine.items, ...open.items.filter((e) => !registered.has(e.id)).map((event) => ({ event, registration: null }))];
    return rows;
  }, []);
  return (
    <>
      <PageTitle title="我的活动" sub="报名场景对接会、发起洽谈邀约、查看我的议程；已报名的活动排在前面。" />
      <RemoteView remote={list} isEmpty={(d) => !d.length} empty={<Empty description="近期暂无报名中的活动，请留意“对接活动”栏目" />}>
        {(rows) => (
          <Table
            rowKey={(r) => r.event.id}
            pagination={false}
            dataSource={[...rows].sort((a, b) => Number(!!b.registration) - Number(!!a.registration))}
            columns={[
              { title: '活动名称', render: (_, r) => <Space size={4}><Link to={`/my/events/${r.event.id}`}>{r.event.title}</Link>{r.event.status !== 'published' && <StatusTag map={EVENT_STATUS} value={r.event.status} />}</Space> },
              { title: '类型', width: 110, render: (_, r) => <Tag color="blue">{r.event.typeLabel ?? EVENT_TYPE[r.event.type]}</Tag> },
              { title: '活动日期', width: 200, render: (_, r) => r.event.days.map((d) => d.date).join('、') },
              { title: '地点', render: (_, r) => r.event.venue ?? r.event.onlineUrl ?? '—' },
              { title: '我的报名', width: 110, render: (_, r) => (r.registration ? <StatusTag map={REGISTRATION_STATUS} value={r.registration.status} /> : <Tag>未报名</Tag>) },
              {
                title: '操作',
                width: 110,
                render: (_, r) => (
                  <Link to={`/my/events/${r.event.id}`}>
                    <Button size="small" type={r.registration ? 'default' : 'primary'}>{r.registration ? '进入活动' : '去报名'}</Button>
                  </Link>
                ),
              },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

export function MyEventPage() {
  const { id = '' } = useParams();
  const data = useRemote(async () => {
    const [event, registration] = await Promise.all([api.get<EventView>(`/events/${id}`), myRegistration(id)]);
    return { event, registration };
  }, [id]);
  return (
    <RemoteView remote={data}>
      {({ event, registration }) => (
        <>
          <PageTitle
            title={<Space>{event.title}<StatusTag map={EVENT_STATUS} value={event.status} /></Space>}
            sub={`${event.typeLabel ?? EVENT_TYPE[event.type]} · ${event.days.map((d) => `${d.date} ${d.start}–${d.end}`).join('；')} · ${event.venue ?? event.onlineUrl ?? ''}`}
            extra={<Link to={`/events/${event.id}`}>查看活动介绍</Link>}
          />
          {registration && registration.status !== 'cancelled' ? (
            <RegisteredView event={event} registration={registration} onChange={data.reload} />
          ) : (
            <RegisterForm event={event} onDone={data.reload} previouslyCancelled={registration?.status === 'cancelled'} />
          )}
        </>
      )}
    </RemoteView>
  );
}

function RegisterForm({ event, onDone, previouslyCancelled }: { event: EventView; onDone: () => void; previouslyCancelled: boolean }) {
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { user } = useAuth();
  const { message } = App.useApp();
  const now = Date.now();
  const notOpen = now < new Date(event.registrationOpensAt).getTime();
  const closed = now > new Date(event.registrationClosesAt).getTime() || event.status !== 'published';
  const side = user?.role === 'owner' ? 'owner' : 'supplier';
  const seatsLeft = side === 'owner' ? event.capacityOwner - event.registeredOwnerCount : event.capacitySupplier - event.registeredSupplierCount;
  const submit = async () => {
    const v = (await form.validateFields()) as { attendees: { name: string; title?: string; phone?: string }[]; availableSlotIds?: string[]; maxMeetings?: number };
    setErrors([]);
    setBusy(true);
    try {
      const r = await api.post<Registration>(`/events/${event.id}/registrations`, {
        attendees: v.attendees.map((a) => Object.fromEntries(Object.entries(a).filter(([, x]) => x))),
        ...(v.availableSlotIds?.length ? { availableSlotIds: v.availableSlotIds } : {}),
        ...(v.maxMeetings ? { maxMeetings: v.maxMeetings } : {}),
      });
      message.success(r.status === 'registered' ? '报名成功，签到码已发送至消息通知' : '名额已满，已进入候补名单；有单位取消时将按顺序递补');
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="报名参加" style={{ maxWidth: 860 }}>
      {previouslyCancelled && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本单位曾取消报名，如需参加请重新报名" />}
      {notOpen && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`报名将于 ${fmtDate(event.registrationOpensAt, true)} 开始`} />}
      {closed && !notOpen && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="报名已截止" />}
      {!closed && !notOpen && (
        <Alert
          type={seatsLeft > 0 ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          message={seatsLeft > 0 ? `本单位以“${SIDE_LABEL[side]}”身份报名，剩余名额 ${seatsLeft} 个；报名截止 ${fmtDate(event.registrationClosesAt, true)}` : '名额已满，现在报名将进入候补名单'}
        />
      )}
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ attendees: [{ name: user?.displayName ?? '' }] }} disabled={closed || notOpen}>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <Form.Item label="参会人员" required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写姓名' }]}><Input placeholder="姓名" aria-label="参会人姓名" /></Form.Item>
                  <Form.Item name={[f.name, 'title']}><Input placeholder="职务（选填）" aria-label="参会人职务" /></Form.Item>
                  <Form.Item name={[f.name, 'phone']} rules={[{ pattern: /^1\d{10}$/, message: '请填写 11 位手机号' }]}><Input placeholder="手机号（选填）" aria-label="参会人手机号" /></Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              {fields.length < 5 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>添加参会人</Button>}
            </Form.Item>
          )}
        </Form.List>
        {event.type === 'matchmaking' && (
          <>
            <Form.Item name="availableSlotIds" label="可参加的洽谈时段" extra="不选表示全天均可；排期只会安排在所选时段内">
              <Select mode="multiple" allowClear placeholder="全部时段均可" options={event.slots.map((s) => ({ value: s.id, label: slotLabel(s) }))} />
            </Form.Item>
            <Form.Item name="maxMeetings" label="本单位洽谈场次上限" extra={`不填则按活动规定（最多 ${event.maxMeetingsPerParticipant} 场）`}>
              <InputNumber min={1} max={event.maxMeetingsPerParticipant} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
        <Button type="primary" loading={busy} onClick={() => void submit()} disabled={closed || notOpen}>提交报名</Button>
      </Form>
    </Card>
  );
}

function RegisteredView({ event, registration, onChange }: { event: EventView; registration: Registration; onChange: () => void }) {
  const { message } = App.useApp();
  const cancel = async () => {
    try {
      await api.post(`/events/${event.id}/registrations/${registration.id}/cancel`);
      message.success('已取消报名');
      onChange();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const info = (
    <Descriptions bordered column={2} size="small">
      <Descriptions.Item label="报名单位">{registration.organizationName}</Descriptions.Item>
      <Descriptions.Item label="身份">{SIDE_LABEL[registration.side]}</Descriptions.Item>
      <Descriptions.Item label="报名状态"><StatusTag map={REGISTRATION_STATUS} value={registration.status} /></Descriptions.Item>
      <Descriptions.Item label="签到码"><Typography.Text strong copyable data-testid="check-in-code">{registration.checkInCode ?? '—'}</Typography.Text></Descriptions.Item>
      <Descriptions.Item label="参会人员" span={2}>{registration.attendees.map((a) => [a.name, a.title, a.phone].filter(Boolean).join(' / ')).join('；')}</Descriptions.Item>
      <Descriptions.Item label="可参加时段" span={2}>{registration.availableSlotIds?.length ? registration.availableSlotIds.map((s) => s.replace('T', ' ')).join('、') : '全部时段'}</Descriptions.Item>
      <Descriptions.Item label="签到">{registration.checkedInAt ? `已签到（${fmtDate(registration.checkedInAt, true)}）` : '未签到（到场后向工作人员出示签到码）'}</Descriptions.Item>
      <Descriptions.Item label="操作">
        <Popconfirm title="确定取消报名？已安排的洽谈将一并取消" okText="取消报名" cancelText="再想想" onConfirm={() => void cancel()}>
          <Button danger size="small" disabled={event.status !== 'published'}>取消报名</Button>
        </Popconfirm>
      </Descriptions.Item>
    </Descriptions>
  );
  if (registration.status !== 'registered') {
    return (
      <>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="您在候补名单中" description="有单位取消报名时将按报名先后自动递补，递补成功后会收到通知，届时可查看参会单位并发起洽谈邀约。" />
        {info}
      </>
    );
  }
  const items = [
    ...(event.type === 'matchmaking'
      ? [
          { key: 'participants', label: '参会单位', children: <Counterparts event={event} registration={registration} /> },
          { key: 'suggested', label: '推荐洽谈对象', children: <Suggestions event={event} /> },
          { key: 'requests', label: '洽谈邀约', children: <Requests event={event} registration={registration} /> },
          { key: 'agenda', label: '我的议程', children: <MyAgenda event={event} registration={registration} /> },
        ]
      : []),
    ...(event.type === 'roadshow' ? [{ key: 'roadshow', label: '路演安排', children: <RoadshowAgendaPanel event={event} registration={registration} /> }] : []),
    { key: 'registration', label: '报名信息', children: info },
  ];
  return <Tabs items={items} destroyOnHidden />;
}

async function sendRequest(eventId: string, toRegistrationId: string, text: string | undefined): Promise<void> {
  await api.post(`/events/${eventId}/meeting-requests`, { toRegistrationId, ...(text ? { message: text } : {}) });
}

function RequestButton({ event, target, disabled, onSent }: { event: EventView; target: { registrationId: string; organizationName: string | null }; disabled?: boolean; onSent: () => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const { message } = App.useApp();
  const ok = async () => {
    if (sending) return;
    setSending(true);
    try {
      await sendRequest(event.id, target.registrationId, text.trim() || undefined);
      message.success(`已向 ${target.organizationName ?? '对方'} 发起洽谈邀约`);
      setOpen(false);
      onSent();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    } finally {
      setSending(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" disabled={disabled} onClick={() => setOpen(true)}>发起洽谈邀约</Button>
      <Modal title={`向 ${target.organizationName ?? '对方'} 发起洽谈邀约`} open={open} onCancel={() => setOpen(false)} onOk={() => void ok()} confirmLoading={sending} okText="发送邀约" cancelText="取消">
        <Typography.Paragraph type="secondary">对方 {event.requestExpiryDays} 天内未回复，邀约自动过期。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} placeholder="留言（选填）：希望洽谈的内容，例如：希望了解贵单位巡检机器人在化工园区的落地案例" aria-label="邀约留言" />
      </Modal>
    </>
  );
}

function Counterparts({ event, registration }: { event: EventView; registration: Registration }) {
  const others = useRemote(() => api.get<{ items: Registration[] }>(`/events/${event.id}/registrations`), [event.id]);
  const requests = useRemote(() => api.get<{ items: MeetingRequest[] }>(`/events/${event.id}/meeting-requests`), [event.id]);
  const live = new Map<string, string>();
  for (const r of requests.data?.items ?? []) {
    const other = r.from.registrationId === registration.id ? r.to.registrationId : r.from.registrationId;
    if (!live.has(other)) live.set(other, r.status);
  }
  const otherSide = registration.side === 'owner' ? 'supplier' : 'owner';
  return (
    <RemoteView remote={others} isEmpty={(d) => !d.items.length} empty={<Empty description={`暂无已报名的${SIDE_LABEL[otherSide]}`} />}>
      {(d) => (
        <Table
          rowKey="id"
          pagination={false}
          dataSource={d.items}
          columns={[
            { title: SIDE_LABEL[otherSide], dataIndex: 'organizationName', render: (n: string, r) => <Link to={`/organizations/${r.organizationId}`}>{n}</Link> },
            { title: '单位类型', dataIndex: 'organizationType', width: 110 },
            {
              title: otherSide === 'owner' ? '已发布的场景需求' : '已发布的能力供给',
              render: (_, r) => {
                const list = otherSide === 'owner' ? r.scenarios : r.capabilities;
                if (!list?.length) return <span className="sx-muted">暂无</span>;
                return <Space direction="vertical" size={2}>{list.map((x) => <Link key={x.id} to={otherSide === 'owner' ? `/scenarios/${x.id}` : `/capabilities/${x.id}`}>{x.title}</Link>)}</Space>;
              },
            },
            { title: '参会人员', width: 160, render: (_, r) => r.attendees.map((a) => a.name + (a.title ? `（${a.title}）` : '')).join('、') },
            {
              title: '洽谈邀约',
              width: 150,
              render: (_, r) => {
                const st = live.get(r.id);
                if (st === 'pending' || st === 'accepted') return <StatusTag map={MEETING_REQUEST_STATUS} value={st} />;
                return <RequestButton event={event} target={{ registrationId: r.id, organizationName: r.organizationName }} onSent={requests.reload} />;
              },
            },
          ]}
        />
      )}
    </RemoteView>
  );
}

function Suggestions({ event }: { event: EventView }) {
  const list = useRemote(() => api.get<{ items: SuggestedPartner[] }>(`/events/${event.id}/meeting-requests/suggestions`), [event.id]);
  return (
    <>
      <Typography.Paragraph type="secondary">根据平台匹配结果（双方的场景需求与能力供给）推荐，按匹配度排序。</Typography.Paragraph>
      <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无推荐：对方单位发布的场景需求或能力供给与贵单位尚无匹配，可在“参会单位”中直接发起邀约" />}>
        {(d) => (
          <Table
            rowKey="registrationId"
            pagination={false}
            dataSource={d.items}
            columns={[
              { title: '单位', dataIndex: 'organizationName', render: (n: string, r) => <Link to={`/organizations/${r.organizationId}`}>{n}</Link> },
              { title: '匹配度', dataIndex: 'matchScore', width: 100, render: (v: number) => `${Math.round(v * 100)}%` },
              {
                title: '洽谈邀约',
                width: 160,
                render: (_, r) => (r.requestStatus === 'pending' || r.requestStatus === 'accepted' ? <StatusTag map={MEETING_REQUEST_STATUS} value={r.requestStatus} /> : <RequestButton event={event} target={r} onSent={list.reload} />),
              },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

function Requests({ event, registration }: { event: EventView; registration: Registration }) {
  const list = useRemote(() => api.get<{ items: MeetingRequest[] }>(`/events/${event.id}/meeting-requests`), [event.id]);
  const { message } = App.useApp();
  const act = async (r: MeetingRequest, action: 'accept' | 'decline' | 'withdraw') => {
    try {
      await api.post(`/events/${event.id}/meeting-requests/${r.id}/${action}`);
      message.success(action === 'accept' ? '已接受邀约，排期后可在“我的议程”查看时间和桌号' : action === 'decline' ? '已婉拒邀约' : '已撤回邀约');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <RemoteView remote={list} isEmpty={(d) => !d.items.length} empty={<Empty description="还没有洽谈邀约：在“参会单位”或“推荐洽谈对象”中向对方发起" />}>
      {(d) => (
        <Table
          rowKey="id"
          pagination={false}
          dataSource={d.items}
          columns={[
            { title: '方向', width: 90, render: (_, r) => (r.to.registrationId === registration.id ? <Tag color="orange">收到</Tag> : <Tag color="blue">发出</Tag>) },
            { title: '对方单位', render: (_, r) => (r.to.registrationId === registration.id ? r.from.organizationName : r.to.organizationName) },
            { title: '留言', dataIndex: 'message', render: (v: string | null) => v ?? <span className="sx-muted">—</span> },
            { title: '状态', width: 150, render: (_, r) => <Space size={4}><StatusTag map={MEETING_REQUEST_STATUS} value={r.status} />{r.mutual && <Tag color="magenta">双向</Tag>}</Space> },
            { title: '回复期限', dataIndex: 'expiresAt', width: 150, render: (v: string, r) => (r.status === 'pending' ? fmtDate(v, true) : '—') },
            {
              title: '操作',
              width: 170,
              render: (_, r) => {
                if (r.status !== 'pending') return null;
                if (r.to.registrationId === registration.id) {
                  return (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void act(r, 'accept')}>接受</Button>
                      <Button size="small" danger onClick={() => void act(r, 'decline')}>婉拒</Button>
                    </Space>
                  );
                }
                return <Button size="small" onClick={() => void act(r, 'withdraw')}>撤回</Button>;
              },
            },
          ]}
        />
      )}
    </RemoteView>
  );
}

function MyAgenda({ event, registration }: { event: EventView; registration: Registration }) {
  const agenda = useRemote(() => api.get<Agenda>(`/events/${event.id}/agenda`), [event.id]);
  const [outcomeFor, setOutcomeFor] = useState<Meeting | null>(null);
  const { message } = App.useApp();
  const ics = async () => {
    try {
      await download(`/events/${event.id}/agenda.ics`, '我的议程.ics');
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<DownloadOutlined />} onClick={() => void ics()}>下载日历文件（.ics）</Button>
        <Typography.Text type="secondary">可导入手机日历或 Outlook；洽谈开始前 24 小时和 1 小时会收到提醒。</Typography.Text>
      </Space>
      <RemoteView remote={agenda} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无安排的洽谈：主办方排期后，洽谈时间和桌号将显示在这里" />}>
        {(d) => (
          <Table
            rowKey={(i) => i.meeting.id}
            pagination={false}
            dataSource={[...d.items].sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt))}
            columns={[
              { title: '时间', width: 200, render: (_, i) => <Space><CalendarOutlined />{slotLabel(i.meeting)}</Space> },
              { title: '洽谈桌', width: 90, render: (_, i) => i.meeting.tableName },
              { title: '洽谈对象', render: (_, i) => <Link to={`/organizations/${i.counterpart.organizationId}`}>{i.counterpart.organizationName}</Link> },
              { title: '来源', width: 110, render: (_, i) => <StatusTag map={MEETING_KIND} value={i.meeting.kind} /> },
              { title: '地点', render: (_, i) => (i.meeting.onlineUrl ? <a href={i.meeting.onlineUrl} target="_blank" rel="noreferrer">线上参会链接</a> : (d.venue ?? '—')) },
              {
                title: '洽谈结果',
                width: 200,
                render: (_, i) => {
                  const mine = i.meeting.outcomes.find((o) => o.side === registration.side);
                  if (mine) return <Tag color={mine.happened ? 'green' : 'default'}>{mine.happened ? (mine.outcome ?? '已洽谈') : '未进行'}</Tag>;
                  const started = Date.now() >= new Date(i.meeting.startsAt).getTime();
                  return (
                    <Button size="small" disabled={!started} title={started ? undefined : '洽谈开始后可记录结果'} onClick={() => setOutcomeFor(i.meeting)}>
                      记录结果
                    </Button>
                  );
                },
              },
            ]}
          />
        )}
      </RemoteView>
      <OutcomeModal
        eventId={event.id}
        meeting={outcomeFor}
        onClose={() => setOutcomeFor(null)}
        onDone={() => {
          message.success('已记录洽谈结果');
          agenda.reload();
        }}
      />
    </>
  );
}

function OutcomeModal({ eventId, meeting, onClose, onDone }: { eventId: string; meeting: Meeting | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const happened = Form.useWatch('happened', form) as boolean | undefined;
  const ok = async () => {
    if (!meeting) return;
    const v = (await form.validateFields()) as { happened: boolean; outcome?: string; note?: string };
    setErrors([]);
    try {
      await api.post(`/events/${eventId}/meetings/${meeting.id}/outcome`, { happened: v.happened, ...(v.happened ? { outcome: v.outcome } : {}), ...(v.note ? { note: v.note } : {}) });
      onClose();
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };
  return (
    <Modal title="记录洽谈结果" open={!!meeting} onCancel={onClose} onOk={() => void ok()} okText="提交" cancelText="取消" destroyOnHidden>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ happened: true, outcome: '继续洽谈' }}>
        <Form.Item name="happened" label="洽谈是否如期进行" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: true, label: '已进行' }, { value: false, label: '未进行' }]} />
        </Form.Item>
        {happened !== false && (
          <Form.Item name="outcome" label="洽谈结果" rules={[{ required: true, message: '请选择洽谈结果' }]}>
            <Radio.Group options={MEETING_OUTCOMES.map((o) => ({ value: o, label: o }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注"><Input.TextArea rows={3} maxLength={1000} placeholder="例如：约定下月现场踏勘" /></Form.Item>
      </Form>
    </Modal>
  );
}
