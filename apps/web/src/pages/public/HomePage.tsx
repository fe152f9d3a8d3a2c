import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Input, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import type { Page } from '../../api/client';
import { api } from '../../api/client';
import { budgetText } from '../../api/labels';
import type { Batch, Capability, Scenario } from '../../api/types';
import { fmtDate, RemoteView } from '../../components/common';
import { useRemote } from '../../components/hooks';

export function HomePage() {
  const navigate = useNavigate();
  const scenarios = useRemote(() => api.get<Page<Scenario>>('/scenarios', { public: true, pageSize: 6 }), []);
  const capabilities = useRemote(() => api.get<Page<Capability>>('/capabilities', { status: 'published', pageSize: 6 }), []);
  const batches = useRemote(() => api.get<Page<Batch>>('/batches', { status: 'published', pageSize: 5 }), []);

  return (
    <Space direction="vertical" size={20} style={{ width: '100%' }}>
      <Card style={{ background: 'linear-gradient(120deg,#e8f0ff,#f7faff)', border: 'none' }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          常态化征集场景需求，精准对接能力供给
        </Typography.Title>
        <Typography.Paragraph type="secondary">定期发布场景机会清单和能力供给清单，组织场景对接、场景路演、场景体验等活动，实施创新场景“揭榜挂帅”。</Typography.Paragraph>
        <Input.Search
          size="large"
          placeholder="输入关键词检索场景需求与能力供给，例如：巡检机器人、氢能重卡"
          enterButton={<><SearchOutlined /> 检索</>}
          onSearch={(q) => navigate(`/search?q=${encodeURIComponent(q)}`)}
          style={{ maxWidth: 720 }}
          aria-label="检索"
        />
        <Row gutter={24} style={{ marginTop: 20 }}>
          <Col><Statistic title="已发布场景需求" value={scenarios.data?.total ?? '—'} /></Col>
          <Col><Statistic title="已发布能力供给" value={capabilities.data?.total ?? '—'} /></Col>
          <Col><Statistic title="已发布清单" value={batches.data?.total ?? '—'} /></Col>
        </Row>
      </Card>
      <Row gutter={20}>
        <Col xs={24} lg={12}>
          <Card title="最新场景需求" extra={<Link to="/search?type=scenario">更多</Link>}>
            <RemoteView remote={scenarios} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无已发布的场景需求" />}>
              {(d) => (
                <List
                  dataSource={d.items}
                  renderItem={(s) => (
                    <List.Item>
                      <List.Item.Meta
                        title={<Link to={`/scenarios/${s.id}`}>{s.title}</Link>}
                        description={
                          <Space size={4} wrap>
                            {s.domains.map((x) => <Tag key={x} color="blue">{x}</Tag>)}
                            <span className="sx-muted">{s.regionName ?? ''} · 预算 {budgetText(s.budgetMinWan, s.budgetMaxWan, s.budgetNegotiable)}</span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </RemoteView>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="最新能力供给" extra={<Link to="/search?type=capability">更多</Link>}>
            <RemoteView remote={capabilities} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无已发布的能力供给" />}>
              {(d) => (
                <List
                  dataSource={d.items}
                  renderItem={(c) => (
                    <List.Item>
                      <List.Item.Meta
                        title={<Link to={`/capabilities/${c.id}`}>{c.title}</Link>}
                        description={
                          <Space size={4} wrap>
                            {c.domains.map((x) => <Tag key={x} color="geekblue">{x}</Tag>)}
                            <span className="sx-muted">{c.organization?.name} · TRL {c.trl ?? '—'}</span>
                          </Space>
                        }
                      />
                    </List.Item>
                  )}
                />
              )}
            </RemoteView>
          </Card>
        </Col>
      </Row>
      <Card title="最新发布清单" extra={<Link to="/batches">全部清单</Link>}>
        <RemoteView remote={batches} isEmpty={(d) => !d.items.length} empty={<Empty description="暂无已发布的清单" />}>
          {(d) => (
            <List
              dataSource={d.items}
              renderItem={(b) => (
                <List.Item actions={[<Link key="v" to={`/batches/${b.id}`}>查看</Link>]}>
                  <List.Item.Meta title={<Link to={`/batches/${b.id}`}>{b.title}</Link>} description={`${b.kindLabel} · ${b.regionName} · ${b.itemCount} 项 · 发布于 ${fmtDate(b.publishedAt)}`} />
                </List.Item>
              )}
            />
          )}
        </RemoteView>
        <div style={{ marginTop: 12 }}>
          <Button type="link" onClick={() => navigate('/events')}>查看近期对接活动 →</Button>
          <Button type="link" onClick={() => navigate('/challenges')}>查看揭榜挂帅榜单 →</Button>
        </div>
      </Card>
    </Space>
  );
}
