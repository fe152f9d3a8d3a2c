import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { EventView, Pitch, PitchCandidate, PitchList, PitchScore, Registration, RoadshowRanking } from '../../api/events';
import { PITCH_CRITERIA, slotLabel } from '../../api/events';
import { FormErrors, RemoteView } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';

/** 场景路演 screens: the organizer's running order and ranking, and the participants' view with audience scoring. */

interface DraftPitch {
  registrationId: string;
  title: string;
}

const HHMM = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '格式为 HH:mm，如 09:00' };
const percent = (score: number) => `${Math.round(score * 100)}%`;

/** The organizer picks registered suppliers, orders them and saves; pitch n takes the event's n-th slot. */
export function RoadshowOrderPanel({ event, onEventChange }: { event: EventView; onEventChange: () => void }) {
  const data = useRemote(async () => {
    const [candidates, pitches] = await Promise.all([
      api.get<{ items: PitchCandidate[] }>(`/events/${event.id}/roadshow/candidates`),
      api.get<PitchList>(`/events/${event.id}/roadshow/pitches`),
    ]);
    return { candidates: candidates.items, pitches: pitches.items };
  }, [event.id]);
  // null while the organizer has not touched the order: the saved one is shown.
  const [draft, setDraft] = useState<DraftPitch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const saved: DraftPitch[] = (data.data?.pitches ?? []).map((p) => ({ registrationId: p.registrationId, title: p.title }));
  const order = draft ?? saved;
  const names = new Map<string, string>();
  for (const p of data.data?.pitches ?? []) names.set(p.registrationId, p.organizationName ?? '');
  for (const c of data.data?.candidates ?? []) names.set(c.registrationId, c.organizationName ?? '');
  const overflow = order.length > event.slots.length;
  const closed = event.status === 'cancelled' || event.status === 'completed';

  const edit = (next: DraftPitch[]) => setDraft(next);
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    edit(next);
  };
  const save = async () => {
    setBusy(true);
    try {
      await api.put(`/events/${event.id}/roadshow/pitches`, { items: order.map((p) => ({ registrationId: p.registrationId, title: p.title.trim() })) });
      message.success('已保存路演顺序，出场时间已按路演时段排定');
      setDraft(null);
      data.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    } finally {
      setBusy(false);
    }
  };

  return (
    <RemoteView remote={data}>
      {(d) => (
        <>
          <SlotSettings event={event} savedPitches={saved} onSaved={() => { onEventChange(); data.reload(); }} disabled={closed} />
          <Card size="small" title={`路演顺序（${order.length} 个路演 / ${event.slots.length} 个时段）`} style={{ marginBottom: 16 }}
            extra={
              <Space>
                {draft && <Typography.Text type="warning">有未保存的修改</Typography.Text>}
                {draft && <Button onClick={() => setDraft(null)}>放弃修改</Button>}
                <Button type="primary" loading={busy} disabled={!draft || !order.length || overflow || closed} onClick={() => void save()}>保存路演顺序</Button>
              </Space>
            }
          >
            {overflow && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`路演时段只有 ${event.slots.length} 个，排不下 ${order.length} 个路演：请缩短每个路演时长、延长活动时间，或移除部分路演单位。`} />}
            <Table
              size="small"
              rowKey="registrationId"
              pagination={false}
              dataSource={order}
              data-testid="pitch-order"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未选择路演单位：在下方“可选路演单位”中点击“加入路演”" /> }}
              columns={[
                { title: '出场', width: 60, render: (_, __, i) => i + 1 },
                { title: '时间', width: 170, render: (_, __, i) => (event.slots[i] ? slotLabel(event.slots[i]) : <Typography.Text type="danger">超出路演时段</Typography.Text>) },
                { title: '路演单位', render: (_, p) => names.get(p.registrationId) ?? '—' },
                {
                  title: '路演题目',
                  width: 340,
                  render: (_, p, i) => (
                    <Input
                      value={p.title}
                      maxLength={100}
                      disabled={closed}
                      aria-label={`${names.get(p.registrationId) ?? ''} 路演题目`}
                      placeholder="如 面向化工园区的巡检机器人"
                      onChange={(e) => edit(order.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))}
                    />
                  ),
                },
                {
                  title: '调整',
                  width: 150,
                  render: (_, p, i) => (
                    <Space size={0}>
                      <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label="上移" title="上移" disabled={i === 0 || closed} onClick={() => move(i, -1)} />
                      <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label="下移" title="下移" disabled={i === order.length - 1 || closed} onClick={() => move(i, 1)} />
                      <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="移除" title="移除" disabled={closed} onClick={() => edit(order.filter((x) => x.registrationId !== p.registrationId))} />
                    </Space>
                  ),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
              调整顺序后点击“保存路演顺序”：第 n 个路演占用第 n 个路演时段；已有的观众评分随路演保留，被移除单位的评分一并删除。
            </Typography.Paragraph>
          </Card>
          <Card size="small" title="可选路演单位（已报名的能力供给方）">
            <Table
              size="small"
              rowKey="registrationId"
              dataSource={d.candidates}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              data-testid="pitch-candidates"
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有能力供给方报名成功" /> }}
              columns={[
                { title: '能力供给方', render: (_, c) => <Space size={4}><Link to={`/organizations/${c.organizationId}`}>{c.organizationName}</Link>{c.organizationType && <Tag>{c.organizationType}</Tag>}</Space> },
                {
                  title: '已发布的能力供给',
                  render: (_, c) =>
                    c.capabilities.length ? (
                      <Space direction="vertical" size={0}>{c.capabilities.slice(0, 3).map((x) => <Link key={x.id} to={`/capabilities/${x.id}`}>{x.title}</Link>)}</Space>
                    ) : (
                      <span className="sx-muted">暂无</span>
                    ),
                },
                {
                  title: '与观众的匹配',
                  width: 220,
                  render: (_, c) =>
                    c.matchScore == null ? (
                      <span className="sx-muted">—</span>
                    ) : (
                      <Space direction="vertical" size={0}>
                        <Tag color="magenta">推荐 · 匹配度 {percent(c.matchScore)}</Tag>
                        <Typography.Text type="secondary">与 {c.matchedOwnerCount} 家已报名业主方的场景需求匹配</Typography.Text>
                      </Space>
                    ),
                },
                {
                  title: '操作',
                  width: 120,
                  render: (_, c) => {
                    const at = order.findIndex((p) => p.registrationId === c.registrationId);
                    if (at >= 0) return <Tag color="blue">第 {at + 1} 个出场</Tag>;
                    return (
                      <Button size="small" disabled={closed} onClick={() => edit([...order, { registrationId: c.registrationId, title: c.capabilities[0]?.title ?? '' }])}>
                        加入路演
                      </Button>
                    );
                  },
                },
              ]}
            />
          </Card>
        </>
      )}
    </RemoteView>
  );
}

/**
 * Slot length and day times live on the event (PATCH /events/:id). Pitch times are stored when the order is
 * saved, so after a change the saved order is saved again to move every pitch onto the new slots.
 */
function SlotSettings({ event, savedPitches, onSaved, disabled }: { event: EventView; savedPitches: DraftPitch[]; onSaved: () => void; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Card size="small" title="路演时段" style={{ marginBottom: 16 }} extra={<Button size="small" disabled={disabled} onClick={() => setOpen(true)}>调整时段</Button>}>
      <Descriptions size="small" column={3}>
        <Descriptions.Item label="每个路演时长">{event.slotMinutes} 分钟</Descriptions.Item>
        <Descriptions.Item label="活动日程">{event.days.map((d) => `${d.date} ${d.start}–${d.end}`).join('；')}</Descriptions.Item>
        <Descriptions.Item label="休息时段">{event.breaks.length ? event.breaks.map((b) => `${b.start}–${b.end}`).join('、') : '无'}</Descriptions.Item>
        <Descriptions.Item label="路演时段">共 {event.slots.length} 个{event.slots.length ? `（${slotLabel(event.slots[0])} 起）` : ''}</Descriptions.Item>
      </Descriptions>
      {open && <SlotModal event={event} savedPitches={savedPitches} onClose={() => setOpen(false)} onSaved={onSaved} />}
    </Card>
  );
}

/** Mounted per opening, so the form starts from the event as it is now. */
function SlotModal({ event, savedPitches, onClose, onSaved }: { event: EventView; savedPitches: DraftPitch[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ slotMinutes: number; days: { start: string; end: string }[] }>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const ok = async () => {
    const v = await form.validateFields();
    setErrors([]);
    setBusy(true);
    try {
      await api.patch(`/events/${event.id}`, { slotMinutes: v.slotMinutes, days: event.days.map((d, i) => ({ date: d.date, start: v.days[i].start, end: v.days[i].end })) });
    } catch (e) {
      setErrors(applyServerErrors(form, e));
      setBusy(false);
      return;
    }
    onClose();
    if (savedPitches.length) {
      try {
        await api.put(`/events/${event.id}/roadshow/pitches`, { items: savedPitches });
      } catch (e) {
        message.error(`路演时段已修改，但出场时间未能随之更新：${asApiError(e).userMessage}。请移除部分路演单位后重新保存路演顺序。`);
        onSaved();
        return;
      }
    }
    message.success(savedPitches.length ? '已修改路演时段，出场时间已随之更新' : '已修改路演时段');
    onSaved();
  };
  return (
    <Modal title="调整路演时段" open onCancel={onClose} onOk={() => void ok()} okText="保存" cancelText="取消" confirmLoading={busy}>
      <Typography.Paragraph type="secondary">系统按“活动日 × 每个路演时长 − 休息时段”推算路演时段；修改后已排定的出场时间随之更新。</Typography.Paragraph>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ slotMinutes: event.slotMinutes, days: event.days.map((d) => ({ start: d.start, end: d.end })) }}>
        <Form.Item name="slotMinutes" label="每个路演时长（分钟）" rules={[{ required: true, message: '请填写每个路演时长' }]}>
          <InputNumber min={5} max={240} style={{ width: 160 }} />
        </Form.Item>
        {event.days.map((d, i) => (
          <Form.Item key={d.date} label={`${d.date} 路演时间`} required style={{ marginBottom: 0 }}>
            <Space align="baseline">
              <Form.Item name={['days', i, 'start']} rules={[{ required: true, message: '请填写开始时间' }, HHMM]}><Input style={{ width: 120 }} aria-label={`${d.date} 开始时间`} placeholder="开始 09:00" /></Form.Item>
              <Form.Item name={['days', i, 'end']} rules={[{ required: true, message: '请填写结束时间' }, HHMM]}><Input style={{ width: 120 }} aria-label={`${d.date} 结束时间`} placeholder="结束 12:00" /></Form.Item>
            </Space>
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** Averages per rubric criterion; only the organizer sees them (so the audience cannot steer each other). */
export function RoadshowRankingPanel({ event }: { event: EventView }) {
  const ranking = useRemote(() => api.get<RoadshowRanking>(`/events/${event.id}/roadshow/ranking`), [event.id]);
  const labels = ranking.data?.items[0]?.criteria.map((c) => c.label) ?? [];
  const fmt = (n: number, count: number) => (count ? n.toFixed(2) : '—');
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button icon={<ReloadOutlined />} onClick={ranking.reload}>刷新</Button>
        <Typography.Text type="secondary">
          观众（已报名的场景业主方、投资机构）按四项各 1–10 分评分；综合得分为四项平均分的平均。得分相同时评分人数多者在前，再按出场顺序。排名仅主办方可见。
        </Typography.Text>
      </Space>
      <RemoteView remote={ranking} isEmpty={(r) => !r.items.length} empty={<Empty description="尚未编排路演顺序：请先在“路演编排”中选取路演单位并保存" />}>
        {(r) => (
          <Table
            size="small"
            rowKey={(e) => e.pitch.id}
            pagination={false}
            dataSource={r.items}
            data-testid="roadshow-ranking"
            columns={[
              { title: '名次', dataIndex: 'rank', width: 60, render: (v: number, e) => (e.scoreCount ? v : '—') },
              { title: '路演单位', render: (_, e) => <Space direction="vertical" size={0}><span>{e.pitch.organizationName}</span>{e.pitch.title && <Typography.Text type="secondary">{e.pitch.title}</Typography.Text>}</Space> },
              { title: '出场', width: 190, render: (_, e) => `第 ${e.pitch.position} 位　${slotLabel(e.pitch)}` },
              { title: '评分人数', dataIndex: 'scoreCount', width: 90 },
              ...labels.map((label, i) => ({ title: label, width: 100, render: (_: unknown, e: RoadshowRanking['items'][number]) => fmt(e.criteria[i]?.average ?? 0, e.scoreCount) })),
              { title: '综合得分', dataIndex: 'average', width: 100, render: (v: number, e) => <Typography.Text strong>{fmt(v, e.scoreCount)}</Typography.Text> },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

const scoreAverage = (s: PitchScore) => (s.technology + s.scenarioFit + s.feasibility + s.team) / 4;

/** Everyone registered sees the running order with times; audience members (owners, investors) score each pitch. */
export function RoadshowAgendaPanel({ event, registration }: { event: EventView; registration: Registration }) {
  const audience = registration.side === 'owner';
  const data = useRemote(async () => {
    const [pitches, mine] = await Promise.all([
      api.get<PitchList>(`/events/${event.id}/roadshow/pitches`),
      audience ? api.get<{ items: PitchScore[] }>(`/events/${event.id}/roadshow/scores/mine`) : Promise.resolve({ items: [] as PitchScore[] }),
    ]);
    return { ...pitches, mine: new Map(mine.items.map((s) => [s.pitchId, s])) };
  }, [event.id, audience]);
  const [scoring, setScoring] = useState<Pitch | null>(null);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={
          audience
            ? '作为观众，您可以对每个路演按“技术先进性、场景契合度、落地可行性、团队能力”四项打分（各 1–10 分）并填写评语；提交后仍可修改，评分结果仅主办方可见。'
            : '以下为本场路演的出场顺序与时间；请在本单位出场前到场准备。'
        }
      />
      <RemoteView remote={data} isEmpty={(d) => !d.items.length} empty={<Empty description="主办方尚未公布路演顺序，公布后出场顺序与时间将显示在这里" />}>
        {(d) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={d.items}
            data-testid="roadshow-agenda"
            columns={[
              { title: '出场', dataIndex: 'position', width: 60 },
              { title: '时间', width: 170, render: (_, p) => slotLabel(p) },
              { title: '路演单位', render: (_, p) => <Space size={4}>{p.organizationName}{p.registrationId === registration.id && <Tag color="blue">本单位</Tag>}</Space> },
              { title: '路演题目', dataIndex: 'title', render: (v: string) => v || <span className="sx-muted">—</span> },
              ...(audience
                ? [
                    {
                      title: '我的评分',
                      width: 300,
                      render: (_: unknown, p: Pitch) => {
                        const s = d.mine.get(p.id);
                        if (!s) return <Button size="small" type="primary" onClick={() => setScoring(p)}>评分</Button>;
                        return (
                          <Space direction="vertical" size={0}>
                            <Space size={4}>
                              <Tag color="green">已评分 · 平均 {scoreAverage(s).toFixed(2)}</Tag>
                              <Button size="small" type="link" onClick={() => setScoring(p)}>修改</Button>
                            </Space>
                            <Typography.Text type="secondary">{PITCH_CRITERIA.map((k, i) => `${d.rubric[i]} ${s[k]}`).join(' · ')}</Typography.Text>
                            {s.comment && <Typography.Text type="secondary">评语：{s.comment}</Typography.Text>}
                          </Space>
                        );
                      },
                    },
                  ]
                : []),
            ]}
          />
        )}
      </RemoteView>
      {scoring && data.data && (
        <PitchScoreModal
          eventId={event.id}
          pitch={scoring}
          rubric={data.data.rubric}
          existing={data.data.mine.get(scoring.id)}
          onClose={() => setScoring(null)}
          onDone={data.reload}
        />
      )}
    </>
  );
}

function PitchScoreModal({ eventId, pitch, rubric, existing, onClose, onDone }: { eventId: string; pitch: Pitch; rubric: string[]; existing?: PitchScore; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Record<string, number | string | undefined>>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const ok = async () => {
    const v = await form.validateFields();
    setErrors([]);
    setBusy(true);
    try {
      const comment = typeof v.comment === 'string' ? v.comment.trim() : '';
      await api.post(`/events/${eventId}/roadshow/pitches/${pitch.id}/scores`, { ...Object.fromEntries(PITCH_CRITERIA.map((k) => [k, v[k]])), ...(comment ? { comment } : {}) });
      message.success(`已提交对 ${pitch.organizationName ?? '该路演'} 的评分`);
      onClose();
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`路演评分：${pitch.organizationName ?? ''}`} open onCancel={onClose} onOk={() => void ok()} okText="提交评分" cancelText="取消" confirmLoading={busy}>
      {pitch.title && <Typography.Paragraph type="secondary">路演题目：{pitch.title}（{slotLabel(pitch)}）</Typography.Paragraph>}
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={existing ? { ...existing, comment: existing.comment ?? '' } : {}}>
        <Space wrap size={16}>
          {PITCH_CRITERIA.map((k, i) => (
            <Form.Item key={k} name={k} label={rubric[i]} rules={[{ required: true, message: '请打分（1–10）' }]}>
              <InputNumber min={1} max={10} precision={0} placeholder="1–10" aria-label={`${rubric[i]} 评分`} style={{ width: 100 }} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="comment" label="评语（选填）">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如 方案成熟，建议先在一个园区试点" aria-label="评语" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
