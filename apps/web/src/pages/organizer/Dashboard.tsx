import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, Row, Skeleton, Space, Spin, Statistic, Typography } from 'antd';
import type { TimeRangePickerProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Dashboard } from '../../api/dashboard';
import { useAuth } from '../../auth/AuthContext';
import { fmtDate, PageTitle, RegionCascader, RemoteView } from '../../components/common';
import { useRemote } from '../../components/hooks';

/** ECharts is large: the charts arrive in their own chunk after the numbers, only for this page. */
const DashboardCharts = lazy(() => import('./DashboardCharts'));

const PRESETS: TimeRangePickerProps['presets'] = [
  { label: '近 30 天', value: [dayjs().subtract(29, 'day'), dayjs()] },
  { label: '近 90 天', value: [dayjs().subtract(89, 'day'), dayjs()] },
  { label: '本年度', value: [dayjs().startOf('year'), dayjs()] },
  { label: '上一年度', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
];

const isEmptyDashboard = (d: Dashboard) =>
  d.scenarios.total === 0 && d.capabilities.total === 0 && (d.funnel.stages[0]?.count ?? 0) === 0 && Object.values(d.headline).every((n) => n === 0);

function Headline({ d }: { d: Dashboard }) {
  const items: Array<[string, number, string]> = [
    ['发布场景需求', d.headline.publishedScenarios, '按发布时间'],
    ['发布能力供给', d.headline.publishedCapabilities, '按发布时间'],
    ['举办对接活动', d.headline.eventsHeld, '对接会、路演、体验，按活动首日'],
    ['揭榜挂帅榜单', d.headline.challengeCalls, '按发榜时间，不含已取消'],
    ['排定 1 对 1 洽谈', d.headline.meetingsScheduled, '按洽谈时间'],
    ['已落地场景', d.funnel.landedScenarios, '业主方登记“已落地”的场景，按关闭时间'],
  ];
  return (
    <Row gutter={[16, 16]}>
      {items.map(([title, value, hint]) => (
        <Col key={title} xs={12} md={8} xl={4}>
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={title} value={value} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {hint}
            </Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/**
 * 数据看板: the organizer's jurisdiction (an admin's whole platform) by domain, region, status and stage,
 * and how suggestions became meetings and landings. Every number is counted by the server
 * (GET /dashboard); this page only draws them.
 */
export function DashboardPage() {
  const { user } = useAuth();
  const jurisdiction = user?.role === 'admin' ? undefined : (user?.jurisdictionRegionCode ?? undefined);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [regionCode, setRegionCode] = useState<string>();
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');
  const remote = useRemote(() => api.get<Dashboard>('/dashboard', { from, to, regionCode }), [from, to, regionCode]);
  const filtered = !!range || !!regionCode;
  const reset = () => {
    setRange(null);
    setRegionCode(undefined);
  };

  return (
    <>
      <PageTitle
        title="数据看板"
        sub={
          remote.data
            ? `${remote.data.scope.regionName} · ${range ? `${from} 至 ${to}` : '全部时间'} · 统计于 ${fmtDate(remote.data.scope.generatedAt, true)}`
            : '辖区内场景需求、能力供给与对接转化情况'
        }
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={range}
              presets={PRESETS}
              allowEmpty={[false, false]}
              placeholder={['起始日期', '截止日期']}
              onChange={(value) => setRange(value && value[0] && value[1] ? [value[0], value[1]] : null)}
              aria-label="时间范围"
            />
            <div style={{ width: 220 }}>
              <RegionCascader within={jurisdiction} value={regionCode} onChange={setRegionCode} placeholder={jurisdiction ? '全部管辖地区' : '全部地区'} />
            </div>
            {filtered && <Button onClick={reset}>清除筛选</Button>}
            <Button icon={<ReloadOutlined />} onClick={remote.reload} aria-label="刷新" />
          </Space>
        }
      />
      <RemoteView
        remote={remote}
        isEmpty={isEmptyDashboard}
        empty={
          <Card>
            <Empty
              description={
                filtered
                  ? '所选时间和地区内没有场景需求、能力供给或对接记录，可放宽时间范围或改选地区。'
                  : '辖区内还没有场景需求、能力供给或对接记录。审核发布的需求与供给、系统推荐与活动会在这里汇总。'
              }
            >
              {filtered ? (
                <Button type="primary" onClick={reset}>
                  清除筛选
                </Button>
              ) : (
                <Link to="/console/review">
                  <Button type="primary">去审核队列</Button>
                </Link>
              )}
            </Empty>
          </Card>
        }
      >
        {(d) => (
          <Spin spinning={remote.loading} description="正在更新…">
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Headline d={d} />
              <Typography.Text type="secondary">
                场景需求 {d.scenarios.total} 条、能力供给 {d.capabilities.total} 条（按创建时间统计，不含草稿）；漏斗按推荐生成时间统计，地区取场景需求所在地。
              </Typography.Text>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 10 }} />}>
                <DashboardCharts data={d} onPickRegion={setRegionCode} />
              </Suspense>
            </Space>
          </Spin>
        )}
      </RemoteView>
    </>
  );
}
