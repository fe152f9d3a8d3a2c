import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Skeleton, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { SCENARIO_STAGES, SCENARIO_TIERS } from '../../api/labels';
import type { Scenario } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { DomainSelect, ErrorState, FormErrors, PageTitle, RegionCascader } from '../../components/common';
import { applyServerErrors, asApiError, useRemote } from '../../components/hooks';

/** Create (no id) or edit a scenario; the owner may save as draft or save and submit for review. */
export function ScenarioFormPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [form] = Form.useForm();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const existing = useRemote(() => (id ? api.get<Scenario>(`/scenarios/${id}`) : Promise.resolve(undefined)), [id]);

  const fromScenario = (s: Scenario) => ({
    title: s.title,
    description: s.description ?? '',
    domains: s.domains,
    regionCode: s.regionCode,
    tier: s.tier ?? undefined,
    stage: s.stage ?? undefined,
    budgetMinWan: s.budgetMinWan ?? undefined,
    budgetMaxWan: s.budgetMaxWan ?? undefined,
    budgetNegotiable: s.budgetNegotiable,
    minTrl: s.minTrl ?? undefined,
    deadline: s.deadline ? dayjs(s.deadline) : undefined,
    tags: s.tags,
    landingConditions: s.landingConditions ?? '',
    contact: { name: s.contact?.name ?? '', phone: s.contact?.phone ?? '', email: s.contact?.email ?? '' },
    anonymous: s.anonymous,
  });

  const negotiable = Form.useWatch('budgetNegotiable', form);

  const toBody = (v: Record<string, unknown>) => {
    const contact = v.contact as Record<string, string | undefined> | undefined;
    const clean = (x: unknown) => (x === undefined || x === '' ? null : x);
    const body: Record<string, unknown> = {
      title: v.title,
      description: v.description ?? '',
      domains: v.domains ?? [],
      regionCode: v.regionCode,
      tier: clean(v.tier),
      stage: clean(v.stage),
      budgetNegotiable: !!v.budgetNegotiable,
      budgetMinWan: v.budgetNegotiable ? null : clean(v.budgetMinWan),
      budgetMaxWan: v.budgetNegotiable ? null : clean(v.budgetMaxWan),
      minTrl: clean(v.minTrl),
      deadline: v.deadline ? (v.deadline as dayjs.Dayjs).format('YYYY-MM-DD') : null,
      tags: v.tags ?? [],
      landingConditions: clean(v.landingConditions),
      contact: contact && (contact.name || contact.phone || contact.email) ? { name: clean(contact.name), phone: clean(contact.phone), email: clean(contact.email) } : null,
      anonymous: !!v.anonymous,
    };
    if (!id) for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    if (id && existing.data) body.expectedVersion = existing.data.version;
    return body;
  };

  const save = async (submit: boolean) => {
    setErrors([]);
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    setBusy(submit ? 'submit' : 'save');
    try {
      const saved = id ? await api.patch<Scenario>(`/scenarios/${id}`, toBody(values)) : await api.post<Scenario>('/scenarios', toBody(values));
      if (submit) {
        try {
          await api.post(`/scenarios/${saved.id}/submit`, {});
        } catch (e) {
          message.warning(`已保存，但提交审核未成功：${asApiError(e).userMessage}`);
          navigate(`/owner/scenarios/${saved.id}/edit`, { replace: true });
          return;
        }
        message.success('已提交审核，主办方审核后会通知您');
      } else message.success('已保存草稿');
      navigate(`/owner/scenarios/${saved.id}`);
    } catch (e) {
      setErrors(applyServerErrors(form, e));
    } finally {
      setBusy(null);
    }
  };

  if (id && existing.error) return <ErrorState error={existing.error} onRetry={existing.reload} />;
  // The form mounts only with the stored values, so nothing the user types is overwritten by a late load.
  if (id && !existing.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const canSubmit = !id || (existing.data?.allowedActions ?? []).includes('submit');

  return (
    <>
      <PageTitle title={id ? '修改场景需求' : '发布场景需求'} sub="填写完整的问题、核心需求与落地条件，有助于通过审核并获得更精准的推荐。" />
      <FormErrors messages={errors} />
      <Form form={form} layout="vertical" initialValues={existing.data ? fromScenario(existing.data) : { domains: [], tags: [], budgetNegotiable: false, anonymous: false, regionCode: user?.jurisdictionRegionCode ?? undefined }} scrollToFirstError>
        <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="title" label="场景名称" rules={[{ required: true, message: '请填写场景名称' }, { max: 80, message: '场景名称最多 80 个字' }]}>
            <Input placeholder="例如：变电站人形机器人智能巡检" showCount maxLength={80} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="domains" label="所属领域" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个领域' }]}>
                <DomainSelect />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="regionCode" label="场景所在地区" rules={[{ required: true, message: '请选择场景所在地区' }]}>
                <RegionCascader />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="tier" label="场景层级">
                <Select allowClear placeholder="请选择" options={SCENARIO_TIERS.map((t) => ({ value: t, label: t }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="stage" label="场景阶段">
                <Select allowClear placeholder="请选择" options={SCENARIO_STAGES.map((t) => ({ value: t, label: t }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="tags" label="关键词">
                <Select mode="tags" placeholder="输入后回车，例如：巡检机器人" tokenSeparators={[',', '，']} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="需求内容" size="small" style={{ marginBottom: 16 }}>
          <Form.Item name="description" label="需求描述（现状、问题、核心需求）" rules={[{ max: 10000 }]}>
            <Input.TextArea rows={6} placeholder="现状：……&#10;问题：……&#10;核心需求：……（尽量给出可量化的指标）" showCount maxLength={10000} />
          </Form.Item>
          <Form.Item name="landingConditions" label="落地条件（场地、数据、配套）" rules={[{ max: 5000 }]}>
            <Input.TextArea rows={3} placeholder="例如：提供 2 座变电站作为试点，开放历史巡检数据" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="budgetNegotiable" label="预算面议" valuePropName="checked">
                <Switch checkedChildren="面议" unCheckedChildren="填写" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item name="budgetMinWan" label="预算下限（万元）" rules={[{ type: 'number', min: 0, message: '预算不能为负数' }]}>
                <InputNumber disabled={negotiable} min={0} style={{ width: '100%' }} placeholder="例如 100" />
              </Form.Item>
            </Col>
            <Col xs={12} md={5}>
              <Form.Item
                name="budgetMaxWan"
                label="预算上限（万元）"
                dependencies={['budgetMinWan']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v: number | undefined) => (v == null || getFieldValue('budgetMinWan') == null || v >= getFieldValue('budgetMinWan') ? Promise.resolve() : Promise.reject(new Error('预算上限不能小于下限'))),
                  }),
                ]}
              >
                <InputNumber disabled={negotiable} min={0} style={{ width: '100%' }} placeholder="例如 300" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="minTrl" label="期望最低 TRL">
                <Select allowClear placeholder="1–9" options={Array.from({ length: 9 }, (_, i) => ({ value: i + 1, label: `TRL ${i + 1}` }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="deadline" label="征集截止日期">
                <DatePicker style={{ width: '100%' }} placeholder="选择日期" disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="联系方式与发布方式" size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['contact', 'name']} label="联系人">
                <Input placeholder="不公开，仅主办方与对接成功的供给方可见" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['contact', 'phone']} label="联系电话" rules={[{ pattern: /^[0-9+\-() ]{5,30}$/, message: '电话号码格式不正确' }]}>
                <Input placeholder="例如 0574-87000000" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['contact', 'email']} label="联系邮箱" rules={[{ type: 'email', message: '邮箱格式不正确' }]}>
                <Input placeholder="例如 zhang@example.cn" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="anonymous" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>匿名发布（公众只看到“某国有企业”式名称，主办方可见真实单位）</Checkbox>
          </Form.Item>
        </Card>
        <Space>
          <Button onClick={() => void save(false)} loading={busy === 'save'}>
            保存草稿
          </Button>
          {canSubmit && (
            <Button type="primary" onClick={() => void save(true)} loading={busy === 'submit'}>
              保存并提交审核
            </Button>
          )}
          <Button type="link" onClick={() => navigate(-1)}>
            取消
          </Button>
        </Space>
      </Form>
    </>
  );
}
