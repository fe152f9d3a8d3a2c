import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import { budgetText, CAPABILITY_KINDS, CAPABILITY_STATUS, QUALIFICATIONS, RESPONSE_STATUS } from '../../api/labels';
import type { Capability, OrganizationProfile, ResponseView, Scenario } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DomainSelect, fmtDate, FormErrors, PageTitle, RegionCascader, RemoteView, StatusTag } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';
import { MatchList } from '../owner/OwnerPages';
import { ScenarioDescriptions } from '../public/DetailPages';

export function SuggestionsPage() {
  const caps = useRemote(() => api.get<Page<Capability>>('/capabilities', { mine: true, pageSize: 50 }), []);
  const navigate = useNavigate();
  return (
    <>
      <PageTitle title="推荐场景" sub="系统根据您已发布的能力供给，推荐匹配的场景需求，并说明推荐理由。" />
      <RemoteView
        remote={caps}
        isEmpty={(d) => !d.items.some((c) => c.status === 'published')}
        empty={<Empty description="发布能力供给后，系统会为每项能力推荐匹配的场景需求"><Button type="primary" onClick={() => navigate('/supplier/capabilities/new')}>登记能力供给</Button></Empty>}
      >
        {(d) => (
          <Tabs
            items={d.items
              .filter((c) => c.status === 'published')
              .map((c) => ({ key: c.id, label: c.title, children: <MatchList path={`/capabilities/${c.id}/matches`} side="supplier" published /> }))}
          />
        )}
      </RemoteView>
    </>
  );
}

export function MyCapabilitiesPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<Capability>>('/capabilities', { mine: true, page, pageSize: 10 }), [page]);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const act = async (c: Capability, action: string) => {
    try {
      await api.post(`/capabilities/${c.id}/${action}`, {});
      message.success('操作成功');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  const ACTIONS: Record<string, string> = { submit: '提交核验', publish: '发布', archive: '归档' };
  return (
    <>
      <PageTitle title="我的能力供给" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/supplier/capabilities/new')}>登记能力供给</Button>} />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="还没有能力供给，点击右上角登记" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
            columns={[
              { title: '名称', dataIndex: 'title', render: (t: string, c) => <Link to={`/capabilities/${c.id}`}>{t}</Link> },
              { title: '类型', dataIndex: 'kind', width: 90 },
              { title: 'TRL', dataIndex: 'trl', width: 60 },
              { title: '报价', width: 140, render: (_, c) => budgetText(c.priceMinWan, c.priceMaxWan, c.priceNegotiable) },
              { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={CAPABILITY_STATUS} value={v} /> },
              {
                title: '操作',
                width: 220,
                render: (_, c) => (
                  <Space>
                    {['draft', 'returned', 'verified', 'published'].includes(c.status) && <Link to={`/supplier/capabilities/${c.id}/edit`}>修改</Link>}
                    {c.allowedActions.filter((a) => ACTIONS[a]).map((a) => <Button key={a} size="small" type="link" onClick={() => void act(c, a)}>{ACTIONS[a]}</Button>)}
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

export function CapabilityFormPage() {
  const { id } = useParams();
  const [form] = Form.useForm();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const existing = useRemote(() => (id ? api.get<Capability>(`/capabilities/${id}`) : Promise.resolve(undefined)), [id]);
  const save = async (submit: boolean) => {
    let v: Record<string, unknown>;
    try {
      v = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    setErrors([]);
    setBusy(true);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    try {
      const saved = id ? await api.patch<Capability>(`/capabilities/${id}`, body) : await api.post<Capability>('/capabilities', body);
      if (submit) await api.post(`/capabilities/${saved.id}/submit`, {});
      message.success(submit ? '已提交核验' : '已保存');
      navigate('/supplier/capabilities');
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle title={id ? '修改能力供给' : '登记能力供给'} sub="能力供给经主办方核验后可发布，发布后系统会推荐匹配的场景需求。" />
      <FormErrors messages={errors} />
      {id && !existing.data ? (
        <Skeleton active />
      ) : (
      <Form form={form} layout="vertical" initialValues={existing.data ? { ...existing.data, priceMinWan: existing.data.priceMinWan ?? undefined, priceMaxWan: existing.data.priceMaxWan ?? undefined, trl: existing.data.trl ?? undefined } : { domains: [], tags: [] }}>
        <Form.Item name="title" label="能力名称" rules={[{ required: true, message: '请填写能力名称' }, { max: 80 }]}>
          <Input placeholder="例如：四足巡检机器人" showCount maxLength={80} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}><Form.Item name="domains" label="领域"><DomainSelect /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={CAPABILITY_KINDS.map((k) => ({ value: k, label: k }))} placeholder="请选择" /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="trl" label="技术成熟度 TRL"><Select allowClear options={Array.from({ length: 9 }, (_, i) => ({ value: i + 1, label: `TRL ${i + 1}` }))} placeholder="1–9" /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="regionCode" label="所在地（不填则为单位所在地）"><RegionCascader /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="priceMinWan" label="报价下限（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="priceMaxWan" label="报价上限（万元）"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="description" label="能力介绍" rules={[{ max: 5000 }]}>
          <Input.TextArea rows={6} placeholder="技术原理、主要指标、应用案例……" />
        </Form.Item>
        <Form.Item name="tags" label="关键词"><Select mode="tags" tokenSeparators={[',', '，']} placeholder="输入后回车" /></Form.Item>
        <Space>
          <Button onClick={() => void save(false)} loading={busy}>保存</Button>
          <Button type="primary" onClick={() => void save(true)} loading={busy}>保存并提交核验</Button>
        </Space>
      </Form>
      )}
    </>
  );
}

export function RespondPage() {
  const { scenarioId = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const scenario = useRemote(() => api.get<Scenario>(`/scenarios/${scenarioId}`), [scenarioId]);
  const caps = useRemote(() => api.get<Page<Capability>>('/capabilities', { mine: true, status: 'published', pageSize: 50 }), []);
  const submit = async (v: Record<string, unknown>) => {
    setBusy(true);
    setErrors([]);
    try {
      const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== null && x !== ''));
      await api.post(`/scenarios/${scenarioId}/responses`, body);
      message.success('响应已提交，业主方处理后会通知您');
      navigate('/supplier/responses');
    } catch (e) {
      const err = asApiError(e);
      setErrors(err.status === 409 ? [`${err.userMessage}。您可以在“我的响应”中修改已提交的响应。`] : applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <PageTitle title="响应场景需求" sub="提交实施方案与报价；同一场景每家单位只能有一份有效响应，业主入围前可修改。" />
      <RemoteView remote={scenario}>{(s) => <Card size="small" title={s.title} style={{ marginBottom: 16 }}><ScenarioDescriptions s={s} /></Card>}</RemoteView>
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="approach" label="实施方案" rules={[{ required: true, message: '请填写实施方案' }, { max: 5000 }]}>
          <Input.TextArea rows={5} placeholder="技术路线、实施步骤、试点安排……" showCount maxLength={5000} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item name="priceWan" label="报价（万元，不填为面议）"><InputNumber min={0} style={{ width: '100%' }} placeholder="例如 280" /></Form.Item></Col>
          <Col xs={24} md={16}><Form.Item name="schedule" label="进度安排" rules={[{ max: 2000 }]}><Input placeholder="例如：签约后 3 个月完成一期部署" /></Form.Item></Col>
        </Row>
        <Form.Item name="capabilityIds" label="关联本单位已发布的能力供给">
          <Select mode="multiple" placeholder="可多选" options={(caps.data?.items ?? []).map((c) => ({ value: c.id, label: c.title }))} notFoundContent="暂无已发布的能力供给" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>提交响应</Button>
      </Form>
    </>
  );
}

export function MyResponsesPage() {
  const [page, setPage] = useState(1);
  const list = useRemote(() => api.get<Page<ResponseView>>('/responses', { page, pageSize: 10 }), [page]);
  const { message } = App.useApp();
  const withdraw = async (r: ResponseView) => {
    try {
      await api.post(`/scenarios/${r.scenario.id}/responses/${r.id}/withdraw`, {});
      message.success('已撤回');
      list.reload();
    } catch (e) {
      message.error(asApiError(e).userMessage);
    }
  };
  return (
    <>
      <PageTitle title="我的响应" sub="本单位对场景需求提交的响应方案；其他供给方看不到您的方案与报价。" />
      <RemoteView remote={list}>
        {(d) => (
          <Table
            rowKey="id"
            dataSource={d.items}
            locale={{ emptyText: <Empty description="还没有响应。可在“推荐场景”或检索结果中找到感兴趣的场景需求并响应。" /> }}
            pagination={{ current: d.page, pageSize: d.pageSize, total: d.total, onChange: setPage }}
            columns={[
              { title: '场景需求', render: (_, r) => <Link to={`/scenarios/${r.scenario.id}`}>{r.scenario.title}</Link> },
              { title: '报价', width: 110, render: (_, r) => (r.priceNegotiable || r.priceWan == null ? '面议' : `${r.priceWan} 万元`) },
              { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (v: string) => fmtDate(v, true) },
              { title: '状态', dataIndex: 'status', width: 90, render: (v: string) => <StatusTag map={RESPONSE_STATUS} value={v} /> },
              { title: '业主意见', dataIndex: 'decisionComment', render: (v: string | null) => v ?? '—' },
              { title: '操作', width: 90, render: (_, r) => (r.allowedActions.includes('withdraw') ? <Button size="small" type="link" danger onClick={() => void withdraw(r)}>撤回</Button> : null) },
            ]}
          />
        )}
      </RemoteView>
    </>
  );
}

export function ProfilePage() {
  const { user } = useAuth();
  const orgId = user?.organizationId ?? '';
  const org = useRemote(() => api.get<OrganizationProfile>(`/organizations/${orgId}`), [orgId]);
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const { message } = App.useApp();
  useEffect(() => {
    const o = org.data;
    if (!o) return;
    form.setFieldsValue({
      domains: o.domains,
      size: o.size ?? undefined,
      description: o.description ?? '',
      qualifications: o.qualifications.map((q) => ({ name: q.name, validFrom: q.validFrom ? dayjs(q.validFrom) : undefined, validTo: q.validTo ? dayjs(q.validTo) : undefined })),
      cases: o.cases.map((c) => ({ ...c, client: c.client ?? undefined, year: c.year ?? undefined, summary: c.summary ?? undefined })),
    });
  }, [org.data, form]);
  const save = async (v: Record<string, unknown>) => {
    setErrors([]);
    const quals = ((v.qualifications as Record<string, unknown>[]) ?? []).map((q) => ({
      name: q.name,
      ...(q.validFrom ? { validFrom: (q.validFrom as dayjs.Dayjs).format('YYYY-MM-DD') } : {}),
      ...(q.validTo ? { validTo: (q.validTo as dayjs.Dayjs).format('YYYY-MM-DD') } : {}),
    }));
    const cases = ((v.cases as Record<string, unknown>[]) ?? []).map((c) => Object.fromEntries(Object.entries(c).filter(([, x]) => x !== undefined && x !== '')));
    try {
      await api.patch(`/organizations/${orgId}`, { domains: v.domains, ...(v.size ? { size: v.size } : {}), description: v.description ?? '', qualifications: quals, cases });
      message.success('单位画像已保存');
      org.reload();
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    }
  };
  return (
    <RemoteView remote={org}>
      {(o) => (
        <>
          <PageTitle title={<Space>单位画像：{o.name}{o.verified ? <Tag color="green">已认证</Tag> : <Tag color="warning">待主办方认证</Tag>}</Space>} sub={`${o.type} · ${o.regionName} · 统一社会信用代码 ${o.creditCode ?? '—'}`} />
          {!o.verified && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="完善画像后，主办方会对单位进行认证；认证后可查看场景需求全文并提交响应。" />}
          <FormErrors messages={errors} />
          <Form form={form} layout="vertical" onFinish={save}>
            <Row gutter={16}>
              <Col xs={24} md={16}><Form.Item name="domains" label="主要领域"><DomainSelect /></Form.Item></Col>
              <Col xs={24} md={8}><Form.Item name="size" label="单位规模"><Select allowClear options={['20人以下', '20-99人', '100-299人', '300-999人', '1000人及以上'].map((s) => ({ value: s, label: s }))} placeholder="请选择" /></Form.Item></Col>
            </Row>
            <Form.Item name="description" label="单位简介"><Input.TextArea rows={3} /></Form.Item>
            <Card size="small" title="资质" style={{ marginBottom: 16 }}>
              <Form.List name="qualifications">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请选择资质' }]}><Select style={{ width: 220 }} options={QUALIFICATIONS.map((q) => ({ value: q, label: q }))} placeholder="资质名称" /></Form.Item>
                        <Form.Item name={[f.name, 'validFrom']}><DatePicker placeholder="生效日期" /></Form.Item>
                        <Form.Item name={[f.name, 'validTo']}><DatePicker placeholder="有效期至（不填为长期）" /></Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>添加资质</Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Card size="small" title="已落地案例" style={{ marginBottom: 16 }}>
              <Form.List name="cases">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((f) => (
                      <Space key={f.key} align="baseline" wrap>
                        <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请填写案例名称' }]}><Input style={{ width: 260 }} placeholder="案例名称" /></Form.Item>
                        <Form.Item name={[f.name, 'client']}><Input placeholder="客户单位" /></Form.Item>
                        <Form.Item name={[f.name, 'year']}><InputNumber placeholder="年份" min={1990} max={2100} /></Form.Item>
                        <Form.Item name={[f.name, 'summary']}><Input style={{ width: 300 }} placeholder="成效简述" /></Form.Item>
                        <MinusCircleOutlined onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>添加案例</Button>
                  </>
                )}
              </Form.List>
            </Card>
            <Button type="primary" htmlType="submit">保存画像</Button>
          </Form>
        </>
      )}
    </RemoteView>
  );
}
