import {
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  FlagOutlined,
  HomeOutlined,
  LogoutOutlined,
  ProfileOutlined,
  SearchOutlined,
  SendOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Avatar, Badge, Breadcrumb, Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { ROLE_LABEL } from '../api/labels';
import { useAuth } from '../auth/AuthContext';
import { useRemote } from '../components/hooks';

const { Header, Sider, Content, Footer } = Layout;

type Item = { key: string; label: string; icon: ReactNode };
type Group = { key: string; label: string; children: Item[] };

const PUBLIC: Group = {
  key: 'public',
  label: '公共服务',
  children: [
    { key: '/', label: '首页', icon: <HomeOutlined /> },
    { key: '/search', label: '场景与能力检索', icon: <SearchOutlined /> },
    { key: '/batches', label: '清单发布', icon: <UnorderedListOutlined /> },
    { key: '/events', label: '对接活动', icon: <CalendarOutlined /> },
    { key: '/challenges', label: '揭榜挂帅', icon: <TrophyOutlined /> },
  ],
};

const BY_ROLE: Record<string, Group[]> = {
  owner: [
    {
      key: 'owner',
      label: '业主工作台',
      children: [
        { key: '/owner/scenarios', label: '我的场景需求', icon: <ProfileOutlined /> },
        { key: '/owner/scenarios/new', label: '发布场景需求', icon: <SendOutlined /> },
        { key: '/my/events', label: '我的活动', icon: <CalendarOutlined /> },
      ],
    },
  ],
  supplier: [
    {
      key: 'supplier',
      label: '供给方工作台',
      children: [
        { key: '/supplier/suggestions', label: '推荐场景', icon: <StarOutlined /> },
        { key: '/supplier/capabilities', label: '我的能力供给', icon: <AppstoreOutlined /> },
        { key: '/supplier/responses', label: '我的响应', icon: <SolutionOutlined /> },
        { key: '/supplier/profile', label: '单位画像', icon: <BankOutlined /> },
        { key: '/my/events', label: '我的活动', icon: <CalendarOutlined /> },
        { key: '/supplier/applications', label: '揭榜申报', icon: <FlagOutlined /> },
      ],
    },
  ],
  organizer: [
    {
      key: 'console',
      label: '主办方控制台',
      children: [
        { key: '/console', label: '数据看板', icon: <DashboardOutlined /> },
        { key: '/console/review', label: '审核队列', icon: <FileSearchOutlined /> },
        { key: '/console/batches', label: '清单管理', icon: <UnorderedListOutlined /> },
        { key: '/console/events', label: '活动管理', icon: <TeamOutlined /> },
        { key: '/console/challenges', label: '揭榜挂帅管理', icon: <TrophyOutlined /> },
        { key: '/console/audit', label: '审计日志', icon: <AuditOutlined /> },
      ],
    },
  ],
  expert: [{ key: 'expert', label: '专家工作台', children: [{ key: '/expert/reviews', label: '评审任务', icon: <SolutionOutlined /> }] }],
};
BY_ROLE.admin = BY_ROLE.organizer;

/** Breadcrumb names for path prefixes (longest match wins). */
const CRUMBS: [RegExp, string[]][] = [
  [/^\/search/, ['公共服务', '场景与能力检索']],
  [/^\/scenarios\//, ['公共服务', '场景需求详情']],
  [/^\/capabilities\//, ['公共服务', '能力供给详情']],
  [/^\/organizations\//, ['公共服务', '单位详情']],
  [/^\/batches\/.+/, ['公共服务', '清单发布', '清单详情']],
  [/^\/batches/, ['公共服务', '清单发布']],
  [/^\/events\/.+/, ['公共服务', '对接活动', '活动详情']],
  [/^\/events/, ['公共服务', '对接活动']],
  [/^\/challenges\/.+/, ['公共服务', '揭榜挂帅', '榜单详情']],
  [/^\/challenges/, ['公共服务', '揭榜挂帅']],
  [/^\/owner\/scenarios\/new/, ['业主工作台', '发布场景需求']],
  [/^\/owner\/scenarios\/.+\/edit/, ['业主工作台', '我的场景需求', '修改']],
  [/^\/owner\/scenarios\/.+/, ['业主工作台', '我的场景需求', '场景详情']],
  [/^\/owner\/scenarios/, ['业主工作台', '我的场景需求']],
  [/^\/my\/events\/.+/, ['我的活动', '活动详情']],
  [/^\/my\/events/, ['我的活动']],
  [/^\/supplier\/suggestions/, ['供给方工作台', '推荐场景']],
  [/^\/supplier\/capabilities\/new/, ['供给方工作台', '我的能力供给', '登记能力']],
  [/^\/supplier\/capabilities/, ['供给方工作台', '我的能力供给']],
  [/^\/supplier\/responses/, ['供给方工作台', '我的响应']],
  [/^\/supplier\/respond/, ['供给方工作台', '响应场景需求']],
  [/^\/supplier\/profile/, ['供给方工作台', '单位画像']],
  [/^\/supplier\/applications/, ['供给方工作台', '揭榜申报']],
  [/^\/supplier\/challenges\/.+/, ['供给方工作台', '揭榜申报', '申报书']],
  [/^\/console\/review\/.+/, ['主办方控制台', '审核队列', '审核详情']],
  [/^\/console\/review/, ['主办方控制台', '审核队列']],
  [/^\/console\/batches\/.+/, ['主办方控制台', '清单管理', '编制清单']],
  [/^\/console\/batches/, ['主办方控制台', '清单管理']],
  [/^\/console\/events\/new/, ['主办方控制台', '活动管理', '新建活动']],
  [/^\/console\/events\/.+\/edit/, ['主办方控制台', '活动管理', '修改活动']],
  [/^\/console\/events\/.+/, ['主办方控制台', '活动管理', '活动详情']],
  [/^\/console\/events/, ['主办方控制台', '活动管理']],
  [/^\/console\/challenges\/new/, ['主办方控制台', '揭榜挂帅管理', '新建榜单']],
  [/^\/console\/challenges\/.+\/edit/, ['主办方控制台', '揭榜挂帅管理', '修改榜单']],
  [/^\/console\/challenges\/.+/, ['主办方控制台', '揭榜挂帅管理', '榜单详情']],
  [/^\/console\/challenges/, ['主办方控制台', '揭榜挂帅管理']],
  [/^\/console\/audit/, ['主办方控制台', '审计日志']],
  [/^\/console/, ['主办方控制台', '数据看板']],
  [/^\/expert/, ['专家工作台', '评审任务']],
  [/^\/notifications/, ['消息通知']],
  [/^\/login/, ['登录']],
  [/^\/register/, ['注册']],
];

function NotificationBell() {
  const n = useRemote(() => api.get<{ items: { readAt?: string | null }[]; total: number; unread?: number }>('/notifications', { pageSize: 20 }), []);
  const unread = n.data ? (n.data.unread ?? n.data.items.filter((i) => !i.readAt).length) : 0;
  return (
    <Link to="/notifications" title="消息通知">
      <Badge count={unread} size="small">
        <BellOutlined style={{ fontSize: 18, color: '#fff' }} />
      </Badge>
    </Link>
  );
}

export function AppLayout() {
  const { user, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const groups = [...(user ? (BY_ROLE[user.role] ?? []) : []), PUBLIC];
  const allKeys = groups.flatMap((g) => g.children.map((c) => c.key));
  const selected = allKeys.filter((k) => k === location.pathname || (k !== '/' && location.pathname.startsWith(k + '/'))).sort((a, b) => b.length - a.length)[0] ?? location.pathname;
  const items: MenuProps['items'] = groups.map((g) => ({ type: 'group', key: g.key, label: g.label, children: g.children.map((c) => ({ key: c.key, icon: c.icon, label: c.label })) }));
  const crumbs = location.pathname === '/' ? ['首页'] : (CRUMBS.find(([re]) => re.test(location.pathname))?.[1] ?? []);

  const userMenu: MenuProps['items'] = [
    { key: 'role', label: `身份：${ROLE_LABEL[user?.role ?? ''] ?? ''}`, disabled: true },
    { key: 'org', label: `单位：${user?.organizationName ?? '—'}`, disabled: true },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header className="sx-header">
        <Link to="/" className="sx-brand">
          <span className="sx-logo">场</span>
          <span>场景对接平台</span>
          <span className="sx-brand-sub">浙里场景 · 供需对接服务</span>
        </Link>
        <Space size={20}>
          {user ? (
            <>
              <NotificationBell />
              <Dropdown
                menu={{
                  items: userMenu,
                  onClick: ({ key }) => {
                    if (key === 'logout') void logout().then(() => navigate('/'));
                  },
                }}
              >
                <Space style={{ color: '#fff', cursor: 'pointer' }} data-testid="user-menu">
                  <Avatar size="small" icon={<UserOutlined />} style={{ background: '#1677ff' }} />
                  <span>{user.displayName}</span>
                  <Typography.Text style={{ color: 'rgba(255,255,255,.75)' }}>（{ROLE_LABEL[user.role]}）</Typography.Text>
                </Space>
              </Dropdown>
            </>
          ) : (
            <Space>
              <Button ghost onClick={() => navigate('/login', { state: { from: location.pathname } })}>
                登录
              </Button>
              <Button onClick={() => navigate('/register')}>注册</Button>
            </Space>
          )}
        </Space>
      </Header>
      <Layout>
        <Sider width={216} theme="light" breakpoint="lg" collapsedWidth={0} className="sx-sider">
          <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(key)} style={{ borderInlineEnd: 0 }} />
        </Sider>
        <Layout style={{ padding: '0 24px 24px' }}>
          <Breadcrumb style={{ margin: '16px 0' }} items={[{ title: <Link to="/">场景对接平台</Link> }, ...crumbs.map((c) => ({ title: c }))]} />
          <Content className="sx-content">
            <Outlet />
          </Content>
          <Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '16px 0 0' }}>场景对接平台 · 常态化征集场景需求，精准对接能力供给</Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
