/**
 * The dashboard's charts, in a chunk of their own: Dashboard.tsx loads this file with React.lazy, so the
 * charting library is downloaded only by someone who opens the dashboard, never with the console's other
 * pages or the public portal.
 *
 * Why ECharts (echarts + echarts-for-react) rather than @ant-design/charts: it is what Chinese government
 * consoles and 数据驾驶舱 screens already use, it has a native funnel series for 推荐 → 有意向 → 洽谈 → 已落地,
 * and `echarts/core` lets us register only the three chart types drawn here, where @ant-design/charts
 * ships its whole G2 bundle. The SVG renderer keeps Chinese labels sharp on any screen and in screenshots,
 * and a few hundred bars are far below where canvas would matter.
 */
import { Card, Col, Empty, Row, Space, Typography } from 'antd';
import { BarChart, FunnelChart, PieChart, type BarSeriesOption, type FunnelSeriesOption, type PieSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { ReactNode } from 'react';
import type { Dashboard, DashboardCount } from '../../api/dashboard';

echarts.use([BarChart, FunnelChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type ChartOption = echarts.ComposeOption<BarSeriesOption | FunnelSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** The portal's primary blue first, then colours that stay apart for colour-blind readers. */
const PALETTE = ['#1450b8', '#36a3a3', '#f0a030', '#8c5bd6', '#e8684a', '#5b8ff9', '#9fb40f', '#b8741a'];
const SCENARIO_COLOR = PALETTE[0];
const CAPABILITY_COLOR = PALETTE[1];
/**
 * The portal's font stack, spelled out: ECharts measures labels itself to fit them in the chart, and a
 * font it cannot resolve ('inherit') measures narrower than the CJK font the browser then draws.
 */
const FONT_FAMILY = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",-apple-system,sans-serif';
/** Beyond this many bars a horizontal chart stops being readable; the rest are summed in the caption. */
const MAX_BARS = 15;

function Chart({ option, height = 320, onPick }: { option: ChartOption; height?: number; onPick?: (name: string, dataIndex: number) => void }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={{ color: PALETTE, textStyle: { fontFamily: FONT_FAMILY }, ...option }}
      notMerge
      lazyUpdate
      opts={{ renderer: 'svg' }}
      style={{ height, width: '100%' }}
      onEvents={onPick ? { click: (e: { name: string; dataIndex: number }) => onPick(e.name, e.dataIndex) } : undefined}
    />
  );
}

/** A 0 at the end of an empty bar reads like data; leave it blank. */
const nonZeroLabel = { show: true, position: 'right' as const, formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') };

const allZero = (...lists: DashboardCount[][]) => lists.every((list) => list.every((item) => item.count === 0));

function ChartCard({ title, extra, empty, emptyText = '所选范围内暂无数据', children }: { title: string; extra?: ReactNode; empty: boolean; emptyText?: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ height: '100%' }}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} style={{ padding: '48px 0' }} /> : children}
    </Card>
  );
}

/**
 * Scenarios and capabilities on one category axis (domains, regions), largest total on top, so an organizer
 * sees at a glance where demand has no supply and the reverse.
 */
function pairedBars(scenarios: DashboardCount[], capabilities: DashboardCount[]): { option: ChartOption; keys: Array<string | null>; hidden: number } {
  const rows = new Map<string, { key: string | null; label: string; scenarios: number; capabilities: number }>();
  const slot = (item: DashboardCount) => {
    const id = item.key ?? '';
    const row = rows.get(id) ?? { key: item.key, label: item.label, scenarios: 0, capabilities: 0 };
    rows.set(id, row);
    return row;
  };
  for (const item of scenarios) slot(item).scenarios = item.count;
  for (const item of capabilities) slot(item).capabilities = item.count;
  const sorted = [...rows.values()].sort((a, b) => b.scenarios + b.capabilities - (a.scenarios + a.capabilities));
  const shown = sorted.slice(0, MAX_BARS).reverse();
  return {
    keys: shown.map((row) => row.key),
    hidden: sorted.length - shown.length,
    option: {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 32, top: 32, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: shown.map((row) => row.label), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [
        { name: '场景需求', type: 'bar', data: shown.map((row) => row.scenarios), itemStyle: { color: SCENARIO_COLOR }, label: nonZeroLabel, barMaxWidth: 14 },
        { name: '能力供给', type: 'bar', data: shown.map((row) => row.capabilities), itemStyle: { color: CAPABILITY_COLOR }, label: nonZeroLabel, barMaxWidth: 14 },
      ],
    },
  };
}

function barHeight(count: number): number {
  return Math.max(240, Math.min(MAX_BARS, count) * 34 + 60);
}

/** Counts in the legend rather than around the ring: the status cards are narrow and outer labels get cut. */
function donut(items: DashboardCount[]): ChartOption {
  const present = items.filter((item) => item.count > 0);
  const counts = new Map(present.map((item) => [item.label, item.count]));
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { orient: 'vertical', bottom: 0, left: 'center', formatter: (name: string) => `${name}  ${counts.get(name) ?? 0}` },
    series: [
      {
        type: 'pie',
        radius: ['42%', '66%'],
        center: ['50%', '34%'],
        label: { show: false },
        data: present.map((item) => ({ name: item.label, value: item.count })),
      },
    ],
  };
}

function columns(items: DashboardCount[], color: string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 8, top: 24, bottom: 8 },
    xAxis: { type: 'category', data: items.map((item) => item.label), axisLabel: { interval: 0, width: 140, overflow: 'break' } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: items.map((item) => item.count), itemStyle: { color }, label: { show: true, position: 'top' }, barMaxWidth: 40 }],
  };
}

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/**
 * Drawn as an even ladder, with the real counts in the labels: suggestions outnumber landings a
 * hundredfold, and a funnel sized by value would leave the later stages too thin to read.
 */
function funnel(stages: DashboardCount[]): ChartOption {
  const rate = (i: number) => (i > 0 ? `，较上一阶段 ${percent(stages[i].count, stages[i - 1].count)}` : '');
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        const i = (Array.isArray(params) ? params[0] : params).dataIndex;
        return `${stages[i].label}：${stages[i].count}${rate(i)}`;
      },
    },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 8,
        bottom: 8,
        min: 0,
        max: stages.length,
        minSize: '30%',
        gap: 4,
        label: {
          position: 'inside',
          color: '#fff',
          fontSize: 14,
          formatter: (p: { dataIndex: number }) => `${stages[p.dataIndex].label}  ${stages[p.dataIndex].count}`,
        },
        data: stages.map((stage, i) => ({ name: stage.label, value: stages.length - i, itemStyle: { color: PALETTE[i] } })),
      },
    ],
  };
}

/** 推荐→有意向 2.2%, …: the step rates the ladder does not show by its shape. */
function stepRates(stages: DashboardCount[]): string {
  return stages
    .slice(1)
    .map((stage, i) => `${stages[i].label}→${stage.label} ${percent(stage.count, stages[i].count)}`)
    .join('，');
}

export default function DashboardCharts({ data, onPickRegion }: { data: Dashboard; onPickRegion?: (regionCode: string) => void }) {
  const { scenarios, capabilities, funnel: matches } = data;
  const domains = pairedBars(scenarios.byDomain, capabilities.byDomain);
  const regions = pairedBars(scenarios.byRegion, capabilities.byRegion);
  const suggested = matches.stages[0]?.count ?? 0;
  const regionUnit = data.scope.regionGrouping === 'city' ? '市' : '区县';
  const drillable = !!onPickRegion && data.scope.regionGrouping === 'city';
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <ChartCard title="对接转化漏斗" empty={suggested === 0} emptyText="所选范围内还没有系统推荐">
            <Chart option={funnel(matches.stages)} height={260} />
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="funnel-notes">
              逐级转化：{stepRates(matches.stages)}；推荐到落地 {percent(matches.stages[3]?.count ?? 0, suggested)}。
              <br />
              双方均有意向 {matches.mutual} 条；已忽略 {matches.dismissed} 条（其中洽谈后登记未落地 {matches.notLanded} 条）；业主方登记“已落地”的场景 {matches.landedScenarios} 个。
            </Typography.Paragraph>
          </ChartCard>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard
            title="按领域分布"
            extra={domains.hidden > 0 ? <Typography.Text type="secondary">另有 {domains.hidden} 个领域未显示</Typography.Text> : null}
            empty={allZero(scenarios.byDomain, capabilities.byDomain)}
          >
            <Chart option={domains.option} height={barHeight(domains.keys.length)} />
            <Typography.Text type="secondary">一条涉及多个领域的记录在每个领域各计一次。</Typography.Text>
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard
            title={`按地区分布（按${regionUnit}）`}
            extra={drillable ? <Typography.Text type="secondary">点击柱条查看该市</Typography.Text> : null}
            empty={allZero(scenarios.byRegion, capabilities.byRegion)}
          >
            <Chart
              option={regions.option}
              height={barHeight(regions.keys.length)}
              onPick={
                drillable
                  ? (_, index) => {
                      const code = regions.keys[index];
                      if (code) onPickRegion(code);
                    }
                  : undefined
              }
            />
          </ChartCard>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title="场景需求状态" empty={allZero(scenarios.byStatus)}>
            <Chart option={donut(scenarios.byStatus)} height={300} />
          </ChartCard>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <ChartCard title="能力供给状态" empty={allZero(capabilities.byStatus)}>
            <Chart option={donut(capabilities.byStatus)} height={300} />
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <ChartCard title="场景需求按阶段" empty={allZero(scenarios.byStage)}>
            <Chart option={columns(scenarios.byStage, SCENARIO_COLOR)} height={260} />
          </ChartCard>
        </Col>
        <Col xs={24} md={12}>
          <ChartCard title="场景需求按分级" empty={allZero(scenarios.byTier)}>
            <Chart option={columns(scenarios.byTier, PALETTE[2])} height={260} />
          </ChartCard>
        </Col>
      </Row>
    </Space>
  );
}
