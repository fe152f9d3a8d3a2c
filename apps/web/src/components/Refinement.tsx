import { App, Button, Card, Empty, Form, Input, List, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { ROLE_LABEL, SCENARIO_FIELD_LABEL } from '../api/labels';
import type { Comment, VersionDiff, VersionInfo } from '../api/types';
import { fmtDate, RemoteView } from './common';
import { asApiError, useRemote } from './hooks';

/** 凝练打磨: the comment thread between organizer and owner, shared by both workspaces. */
export function CommentThread({ scenarioId, canPost = true }: { scenarioId: string; canPost?: boolean }) {
  const comments = useRemote(() => api.get<Comment[]>(`/scenarios/${scenarioId}/comments`), [scenarioId]);
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const post = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      await api.post(`/scenarios/${scenarioId}/comments`, { body });
      form.resetFields();
      comments.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="凝练打磨意见" size="small">
      <RemoteView remote={comments} isEmpty={(d) => !d.length} empty={<Empty description="暂无意见往来" />}>
        {(d) => (
          <Timeline
            items={d.map((c) => ({
              color: c.kind === 'return' ? 'orange' : c.authorRole === 'organizer' ? 'blue' : 'green',
              children: (
                <div data-testid="comment">
                  <Space size={6} wrap>
                    <Typography.Text strong>{c.authorName ?? '—'}</Typography.Text>
                    <Tag>{ROLE_LABEL[c.authorRole] ?? c.authorRole}</Tag>
                    {c.kind === 'return' && <Tag color="orange">退回修改</Tag>}
                    <span className="sx-muted">第 {c.scenarioVersion} 版 · {fmtDate(c.createdAt, true)}</span>
                  </Space>
                  <div className="sx-pre" style={{ marginTop: 4 }}>{c.body}</div>
                  {c.itemLabels?.length > 0 && <div style={{ marginTop: 4 }}>需二次诊断：{c.itemLabels.map((l) => <Tag color="warning" key={l}>{l}</Tag>)}</div>}
                </div>
              ),
            }))}
          />
        )}
      </RemoteView>
      {canPost && (
        <Form form={form} onFinish={post} layout="vertical">
          <Form.Item name="body" rules={[{ required: true, message: '请输入意见内容' }, { max: 2000 }]} style={{ marginBottom: 8 }}>
            <Input.TextArea rows={2} placeholder="补充说明或回复意见…" />
          </Form.Item>
          <Button htmlType="submit" loading={busy}>发表意见</Button>
        </Form>
      )}
    </Card>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (Array.isArray(v)) return v.join('、') || '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).filter(Boolean).join('，') || '（空）';
  return String(v);
}

/** Version list and a field-by-field diff between two chosen versions. */
export function VersionDiffPanel({ scenarioId }: { scenarioId: string }) {
  const versions = useRemote(() => api.get<VersionInfo[]>(`/scenarios/${scenarioId}/versions`), [scenarioId]);
  const [range, setRange] = useState<[number, number] | null>(null);
  const list = versions.data ?? [];
  const latest = list.length ? Math.max(...list.map((v) => v.version)) : 0;
  const effective: [number, number] | null = range ?? (latest > 1 ? [latest - 1, latest] : null);
  const diff = useRemote(() => (effective ? api.get<VersionDiff>(`/scenarios/${scenarioId}/versions/diff`, { from: effective[0], to: effective[1] }) : Promise.resolve(undefined)), [scenarioId, effective?.[0], effective?.[1]]);
  const options = list.map((v) => ({ value: v.version, label: `第 ${v.version} 版（${fmtDate(v.createdAt, true)}）` }));
  return (
    <Card title="版本记录与差异" size="small">
      <RemoteView remote={versions} isEmpty={(d) => d.length < 2} empty={<Empty description="只有一个版本，暂无差异可比较" />}>
        {() => (
          <>
            <Space style={{ marginBottom: 12 }} wrap>
              <span>比较</span>
              <Select style={{ width: 240 }} value={effective?.[0]} options={options} onChange={(v) => setRange([v, effective?.[1] ?? latest])} />
              <span>与</span>
              <Select style={{ width: 240 }} value={effective?.[1]} options={options} onChange={(v) => setRange([effective?.[0] ?? 1, v])} />
            </Space>
            {diff.data && (
              <Table
                size="small"
                rowKey="field"
                pagination={false}
                dataSource={diff.data.changes}
                locale={{ emptyText: '两个版本内容相同' }}
                columns={[
                  { title: '字段', dataIndex: 'label', width: 140 },
                  {
                    title: '变化',
                    render: (_, c) =>
                      c.textDiff ? (
                        <div className="sx-pre" data-testid="diff">
                          {c.textDiff.map((p, i) => (p.op === 'insert' ? <ins key={i} className="sx-diff-add">{p.text}</ins> : p.op === 'delete' ? <del key={i} className="sx-diff-del">{p.text}</del> : <span key={i}>{p.text}</span>))}
                        </div>
                      ) : (
                        <span data-testid="diff">
                          <del className="sx-diff-del">{show(c.before)}</del> → <ins className="sx-diff-add">{show(c.after)}</ins>
                        </span>
                      ),
                  },
                ]}
              />
            )}
            <List
              size="small"
              style={{ marginTop: 12 }}
              header="历次修改"
              dataSource={[...list].reverse()}
              renderItem={(v) => (
                <List.Item>
                  第 {v.version} 版 · {v.editedBy && !/^[0-9a-f-]{36}$/.test(v.editedBy) ? `${v.editedBy}（${ROLE_LABEL[v.editorRole ?? ''] ?? '—'}）` : (ROLE_LABEL[v.editorRole ?? ''] ?? '—')} · {fmtDate(v.createdAt, true)} · {v.version === 1 ? '创建' : `修改：${v.changedFields.map((f) => SCENARIO_FIELD_LABEL[f] ?? f).join('、') || '—'}`}
                </List.Item>
              )}
            />
          </>
        )}
      </RemoteView>
    </Card>
  );
}
