import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api, ApiError } from '../../api/client';
import type { Acceptance, Challenge, DeclaredConflict, ExpertAssignment } from '../../api/challenges';
import { DomainSelect, fmtDate, FormErrors, PageTitle, RemoteView } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';

interface Profile {
  userId: string;
  domains: string[];
  title: string | null;
  active: boolean;
}

/**
 * Calls in review where this expert scores or declared a conflict, and calls in progress whose acceptance they
 * judge: two requests (the API's cross-call "mine" lists) however many calls.
 */
export function ExpertReviewsPage() {
  const data = useRemote(async () => {
    const [reviews, acceptance] = await Promise.all([
      api.get<Page<{ challenge: Challenge; assignments: ExpertAssignment[]; conflicts: DeclaredConflict[] }>>('/challenges/reviews/mine', { status: 'reviewing', pageSize: 100 }),
      api.get<Page<{ challenge: Challenge; review: Acceptance['reviews'][number] }>>('/challenges/acceptance/mine', { status: 'in_progress', pageSize: 100 }),
    ]);
    return {
      reviews: reviews.items.map((t) => ({ challenge: t.challenge, rows: reviewRows(t.assignments, t.conflicts) })).filter((x) => x.rows.length),
      acceptance: acceptance.items,
    };
  }, []);
  const [scoring, setScoring] = useState<{ challenge: Challenge; assignment: ExpertAssignment } | null>(null);
  const [declaring, setDeclaring] = useState<{ challenge: Challenge; assignment: ExpertAssignment } | null>(null);
  const [verdictFor, setVerdictFor] = useState<Challenge | null>(null);
  return (
    <>
      <PageTitle title="评审任务" sub="按评分标准逐项打分（0–100）并填写评语；盲审时不显示申报单位身份。评分提交后不能修改；与申报单位存在利益冲突的，请在评分前申报回避。" />
      <ProfileCard />
      <RemoteView remote={data}>
        {(d) => (
          <>
            {!d.reviews.length && !d.acceptance.length && <Empty style={{ margin: '32px 0' }} description="暂无分配给您的评审任务；主办方启动评审后，任务会显示在这里并通过消息通知您" />}
            {d.reviews.map(({ challenge: c, rows }) => (
              <Card key={c.id} size="small" title={<Space><Link to={`/challenges/${c.id}`}>{c.title}</Link>{c.blindReview && <Tag color="purple">盲审</Tag>}</Space>} style={{ marginBottom: 16 }}>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={rows}
                  columns={[
                    { title: '申报编号', dataIndex: 'applicationCode', width: 100 },
                    {
                      title: '申报单位',
                      render: (_, r) =>
                        r.assignment?.applicant ? [r.assignment.applicant.leadOrganizationName, ...r.assignment.applicant.memberOrganizationNames].join('、') : <Typography.Text type="secondary">{r.assignment ? '（盲审，不显示）' : '—'}</Typography.Text>,
                    },
                    {
                      title: '技术方案摘要',
                      render: (_, r) =>
                        r.assignment ? (
                          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>{r.assignment.summary}</Typography.Paragraph>
                        ) : (
                          <Typography.Text type="secondary">回避原因：{r.conflict?.reason || '—'}（{fmtDate(r.conflict?.createdAt, true)} 申报）</Typography.Text>
                        ),
                    },
                    { title: '加权总分', width: 100, render: (_, r) => (r.assignment?.weightedTotal == null ? '—' : r.assignment.weightedTotal.toFixed(2)) },
                    {
                      title: '评分',
                      width: 190,
                      render: (_, r) => {
                        const a = r.assignment;
                        if (!a) return <Tag color="orange">已回避</Tag>;
                        if (a.submittedAt) return <Tag color="green">已提交</Tag>;
                        return (
                          <Space size={4}>
                            <Button size="small" type="primary" onClick={() => setScoring({ challenge: c, assignment: a })}>评分</Button>
                            <Button size="small" onClick={() => setDeclaring({ challenge: c, assignment: a })}>申报回避</Button>
                          </Space>
                        );
                      },
                    },
                  ]}
                />
              </Card>
            ))}
            {d.acceptance.map(({ challenge: c, review }) => (
              <Card key={c.id} size="small" title={<Space>验收：<Link to={`/challenges/${c.id}`}>{c.title}</Link></Space>} style={{ marginBottom: 16 }}>
                {review?.submittedAt ? <Tag color={review.passed ? 'green' : 'red'}>您的结论：{review.passed ? '通过' : '不通过'}</Tag> : <Button type="primary" onClick={() => setVerdictFor(c)}>给出验收结论</Button>}
              </Card>
            ))}
          </>
        )}
      </RemoteView>
      {scoring && <ScoreModal challenge={scoring.challenge} assignment={scoring.assignment} onClose={() => setScoring(null)} onDone={data.reload} />}
      {declaring && <ConflictModal challenge={declaring.challenge} assignment={declaring.assignment} onClose={() => setDeclaring(null)} onDone={data.reload} />}
      {verdictFor && <VerdictModal challenge={verdictFor} onClose={() => setVerdictFor(null)} onDone={data.reload} />}
    </>
  );
}

interface ReviewRow {
  key: string;
  applicationCode: string;
  assignment?: ExpertAssignment;
  conflict?: DeclaredConflict;
}

/** Tasks, then the applications this expert stepped back from: a declared conflict removes the task, so it is listed from the declaration. */
function reviewRows(assignments: ExpertAssignment[], conflicts: DeclaredConflict[]): ReviewRow[] {
  const stillAssigned = new Set(assignments.map((a) => a.applicationId));
  return [
    ...assignments.map((a) => ({ key: a.assignmentId, applicationCode: a.applicationCode, assignment: a })),
    ...conflicts.filter((c) => c.applicationId && !stillAssigned.has(c.applicationId)).map((c) => ({ key: c.id, applicationCode: c.applicationCode ?? '—', conflict: c })),
  ];
}

/** 回避声明: the task is withdrawn from this expert and the system seats another expert without a conflict. */
function ConflictModal({ challenge: c, assignment: a, onClose, onDone }: { challenge: Challenge; assignment: ExpertAssignment; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const ok = async () => {
    setBusy(true);
    try {
      const r = await api.post<{ removedAssignments: number }>(`/challenges/${c.id}/reviews/conflicts`, { applicationId: a.applicationId, reason: reason.trim() });
      message.success(
        r.removedAssignments
          ? `已回避 ${a.applicationCode}：该评审任务已从您的列表撤下，系统已为其改派其他无利益冲突的专家（专家库不足时由主办方补充分配）`
          : `已记录对 ${a.applicationCode} 的回避声明`,
        6,
      );
      onClose();
      onDone();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={`申报回避：${a.applicationCode}`} open onCancel={onClose} onOk={() => void ok()} okText="确认回避" cancelText="取消" okButtonProps={{ danger: true, disabled: !reason.trim() }} confirmLoading={busy}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message="申报回避后"
        description={
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>该份申报的评审任务立即从您的列表撤下，列表中显示为“已回避”，此后不会再分配给您；</li>
            <li>系统自动从专家库中改派一名无利益冲突的专家，专家不足时由主办方补充分配；</li>
            <li>回避声明及原因记入审计日志，主办方可查阅；回避不能撤销。</li>
          </ul>
        }
      />
      <Form layout="vertical">
        <Form.Item label="回避原因" required extra="如：近三年与该单位有合作项目、曾在该单位任职、亲属在该单位任职">
          <Input.TextArea rows={3} maxLength={1000} showCount value={reason} onChange={(e) => setReason(e.target.value)} aria-label="回避原因" placeholder="请说明存在利益冲突的情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProfileCard() {
  const profile = useRemote(() => api.get<Profile>('/challenges/expert-profile').catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))), []);
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const save = async () => {
    const v = (await form.validateFields()) as { domains: string[]; title?: string };
    try {
      await api.put('/challenges/expert-profile', { domains: v.domains, ...(v.title ? { title: v.title } : {}), active: true });
      message.success('已更新专家库信息');
      setEditing(false);
      profile.reload();
    } catch (e) {
      applyServerErrors(form, e);
    }
  };
  const p = profile.data;
  return (
    <Card size="small" title="专家库信息" style={{ marginBottom: 16 }} extra={!editing && <Button size="small" onClick={() => { form.setFieldsValue({ domains: p?.domains ?? [], title: p?.title ?? '' }); setEditing(true); }}>{p ? '修改' : '加入专家库'}</Button>}>
      {editing ? (
        <Form form={form} layout="inline">
          <Form.Item name="domains" label="擅长领域" rules={[{ required: true, message: '请选择领域' }]} style={{ minWidth: 360 }}><DomainSelect /></Form.Item>
          <Form.Item name="title" label="职称"><Input placeholder="如 教授" /></Form.Item>
          <Space><Button type="primary" onClick={() => void save()}>保存</Button><Button onClick={() => setEditing(false)}>取消</Button></Space>
        </Form>
      ) : p ? (
        <Space>擅长领域：{p.domains.map((d) => <Tag key={d}>{d}</Tag>)}{p.title && <span>职称：{p.title}</span>}{!p.active && <Tag>暂停接受分配</Tag>}</Space>
      ) : (
        <Typography.Text type="secondary">尚未加入专家库：加入后，主办方启动评审时将按领域为您分配任务。</Typography.Text>
      )}
    </Card>
  );
}

function ScoreModal({ challenge: c, assignment: a, onClose, onDone }: { challenge: Challenge; assignment: ExpertAssignment; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const { message } = App.useApp();
  const scores = Form.useWatch('scores', form) as { score?: number }[] | undefined;
  const totalWeight = a.rubric.reduce((s, r) => s + r.weight, 0);
  const preview = scores && scores.every((s) => typeof s?.score === 'number') ? a.rubric.reduce((s, r, i) => s + (scores[i].score ?? 0) * r.weight, 0) / totalWeight : null;
  const ok = async () => {
    const v = (await form.validateFields()) as { scores: { score: number; comment: string }[] };
    setErrors([]);
    try {
      await api.post(`/challenges/${c.id}/reviews/${a.assignmentId}/scores`, { scores: a.rubric.map((r, i) => ({ criterionKey: r.key, score: v.scores[i].score, comment: v.scores[i].comment })) });
      message.success(`已提交 ${a.applicationCode} 的评分`);
      onClose();
      onDone();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };
  return (
    <Modal title={`评分：${a.applicationCode}`} open width={860} onCancel={onClose} onOk={() => void ok()} okText="提交评分" cancelText="取消">
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="评分提交后不能修改；与申报单位存在利益冲突的，请关闭本窗口，在任务列表中点击“申报回避”。" />
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="技术方案摘要"><div className="sx-pre">{a.summary}</div></Descriptions.Item>
        <Descriptions.Item label="指标响应">
          {a.indicatorResponses.map((r) => (
            <div key={r.indicatorIndex}>
              {c.indicators[r.indicatorIndex]?.name}（要求 {c.indicators[r.indicatorIndex]?.targetValue} {c.indicators[r.indicatorIndex]?.unit}）：拟达到 <b>{r.proposedValue}</b>{r.evidence ? `，佐证：${r.evidence}` : ''}
            </div>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="实施计划">{a.plan.map((p, i) => <div key={i}>{i + 1}. {p.title}（{fmtDate(p.dueAt)}）{p.deliverable ? ` — ${p.deliverable}` : ''}</div>)}</Descriptions.Item>
      </Descriptions>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={{ scores: a.rubric.map(() => ({ comment: '' })) }}>
        {a.rubric.map((r, i) => (
          <Space key={r.key} align="start" style={{ display: 'flex' }}>
            <Form.Item name={['scores', i, 'score']} label={`${r.name}（权重 ${r.weight}）`} rules={[{ required: true, message: '请打分' }]}>
              <InputNumber min={0} max={100} placeholder="0–100" aria-label={`${r.name} 分数`} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name={['scores', i, 'comment']} label="评语" rules={[{ required: true, message: '请填写评语' }]} style={{ width: 560 }}>
              <Input.TextArea rows={1} autoSize={{ minRows: 1, maxRows: 4 }} placeholder="如 方案成熟，测试数据充分" aria-label={`${r.name} 评语`} />
            </Form.Item>
          </Space>
        ))}
      </Form>
      <Typography.Text strong>加权总分（预览）：{preview == null ? '—' : preview.toFixed(2)}</Typography.Text>
    </Modal>
  );
}

function VerdictModal({ challenge: c, onClose, onDone }: { challenge: Challenge; onClose: () => void; onDone: () => void }) {
  const [passed, setPassed] = useState<boolean>(true);
  const [comment, setComment] = useState('');
  const { message } = App.useApp();
  const ok = async () => {
    try {
      await api.post(`/challenges/${c.id}/acceptance/verdict`, { passed, ...(comment ? { comment } : {}) });
      message.success('已提交验收结论');
      onClose();
      onDone();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <Modal title={`验收结论：${c.title}`} open onCancel={onClose} onOk={() => void ok()} okText="提交" cancelText="取消">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={passed} onChange={(e) => setPassed(e.target.value as boolean)} options={[{ value: true, label: '通过' }, { value: false, label: '不通过' }]} />
        <Input.TextArea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="验收意见，如 各项指标均达到榜单要求" />
      </Space>
    </Modal>
  );
}
