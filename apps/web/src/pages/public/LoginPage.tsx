import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Radio, Select, Space, Typography, App } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ORGANIZATION_TYPES } from '../../api/labels';
import { homeFor, useAuth } from '../../auth/AuthContext';
import { FormErrors, RegionCascader } from '../../components/common';
import { applyServerErrors, asApiError } from '../../components/hooks';

export function LoginPage() {
  const { login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);
  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setErrors([]);
    try {
      const user = await login(values.email, values.password);
      navigate(from && from !== '/login' ? from : homeFor(user.role), { replace: true });
    } catch (e) {
      const err = asApiError(e);
      setErrors(err.status === 401 ? ['邮箱或密码不正确，请检查后重试'] : applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 40 }}>
      <Card title="登录场景对接平台" style={{ width: 420 }}>
        <FormErrors messages={errors} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label="邮箱" rules={[{ required: true, message: '请输入登录邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
            <Input prefix={<MailOutlined />} placeholder="请输入注册时使用的邮箱" autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          还没有账号？<Link to="/register">注册为场景业主方或能力供给方</Link>。主办方与评审专家账号由平台管理员开通。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}

export function RegisterPage() {
  const { register } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[]>([]);

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setErrors([]);
    try {
      const { confirm: _confirm, ...body } = values;
      const user = await register(body);
      message.success('注册成功，欢迎使用场景对接平台');
      navigate(user.role === 'supplier' ? '/supplier/profile' : '/owner/scenarios', { replace: true });
    } catch (e) {
      const err = asApiError(e);
      if (err.status === 409) setErrors([err.userMessage + '。如已注册，请直接登录。']);
      else setErrors(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center' }}>
      <Card title="注册账号" style={{ width: 640 }}>
        <FormErrors messages={errors} />
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'owner' }} scrollToFirstError>
          <Form.Item name="role" label="注册身份" rules={[{ required: true }]}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio value="owner">场景业主方（发布场景需求）</Radio>
              <Radio value="supplier">能力供给方（提供技术产品）</Radio>
            </Radio.Group>
          </Form.Item>
          <Typography.Title level={5}>账号信息</Typography.Title>
          <Space.Compact block style={{ gap: 16 }}>
            <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写联系人姓名' }, { max: 50 }]} style={{ flex: 1 }}>
              <Input placeholder="例如：张三" />
            </Form.Item>
            <Form.Item name="phone" label="手机号" rules={[{ pattern: /^1\d{10}$/, message: '手机号格式不正确' }]} style={{ flex: 1 }}>
              <Input placeholder="选填，11 位手机号" />
            </Form.Item>
          </Space.Compact>
          <Form.Item name="email" label="邮箱（登录账号）" rules={[{ required: true, message: '请填写邮箱' }, { type: 'email', message: '邮箱格式不正确' }]}>
            <Input placeholder="例如：zhang.san@example.cn" autoComplete="username" />
          </Form.Item>
          <Space.Compact block style={{ gap: 16 }}>
            <Form.Item
              name="password"
              label="密码"
              style={{ flex: 1 }}
              rules={[
                { required: true, message: '请设置密码' },
                { min: 8, message: '密码至少 8 位' },
                { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码须同时包含字母和数字' },
              ]}
            >
              <Input.Password placeholder="至少 8 位，含字母和数字" autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label="确认密码"
              style={{ flex: 1 }}
              dependencies={['password']}
              rules={[
                { required: true, message: '请再次输入密码' },
                ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) }),
              ]}
            >
              <Input.Password placeholder="再次输入密码" autoComplete="new-password" />
            </Form.Item>
          </Space.Compact>
          <Typography.Title level={5}>所属单位</Typography.Title>
          <Form.Item name={['organization', 'name']} label="单位名称" rules={[{ required: true, message: '请填写单位全称' }, { min: 2, max: 100 }]}>
            <Input placeholder="与营业执照或法人证书一致，例如：甬江智能装备有限公司" />
          </Form.Item>
          <Space.Compact block style={{ gap: 16 }}>
            <Form.Item name={['organization', 'type']} label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]} style={{ flex: 1 }}>
              <Select placeholder="请选择" options={ORGANIZATION_TYPES.map((t) => ({ value: t, label: t }))} />
            </Form.Item>
            <Form.Item
              name={['organization', 'creditCode']}
              label="统一社会信用代码"
              style={{ flex: 1 }}
              normalize={(v: string) => v?.toUpperCase().trim()}
              rules={[{ required: true, message: '请填写统一社会信用代码' }, { len: 18, message: '统一社会信用代码为 18 位' }]}
            >
              <Input placeholder="18 位，例如 91330212MA2XXXXXXX" maxLength={18} />
            </Form.Item>
          </Space.Compact>
          <Form.Item name={['organization', 'regionCode']} label="所在地区" rules={[{ required: true, message: '请选择单位所在地区' }]}>
            <RegionCascader placeholder="请选择省 / 市 / 区县" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            注册并登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          已有账号？<Link to="/login">直接登录</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
