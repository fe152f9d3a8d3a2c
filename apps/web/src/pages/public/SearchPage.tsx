import { Card, Col, Empty, Form, Input, InputNumber, List, Pagination, Row, Segmented, Select, Slider, Space, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { budgetText, CAPABILITY_KINDS, QUALIFICATIONS, SCENARIO_STAGES, SCENARIO_TIERS } from '../../api/labels';
import { DomainSelect, fmtDate, Highlight, RegionCascader, RemoteView, useRegionNames } from '../../components/common';
import { useRemote } from '../../components/hooks';

interface Hit {
  id: string;
  type: 'scenario' | 'capability' | 'organization';
  title: string;
  highlight: Record<string, string>;
  document: Record<string, unknown>;
}
interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  hits: Hit[];
  facets: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

const FACET_LABEL: Record<string, string> = { domains: '领域', tier: '场景层级', stage: '场景阶段', kind: '能力类型', qualifications: '供给方资质', regionCodes: '地区', minTrl: '最低 TRL', trl: 'TRL' };

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const type = (params.get('type') as 'scenario' | 'capability' | 'organization') || 'scenario';
  const page = Number(params.get('page') ?? 1);
  const q = params.get('q') ?? '';
  const key = params.toString();
  const regionNames = useRegionNames();
  const result = useRemote(
    () =>
      api.get<SearchResult>('/search', {
        type,
        q,
        page,
        pageSize: 10,
        domain: params.get('domain') ?? undefined,
        region: params.get('region') ?? undefined,
        tier: params.get('tier') ?? undefined,
        stage: params.get('stage') ?? undefined,
        kind: params.get('kind') ?? undefined,
        qualification: params.get('qualification') ?? undefined,
        trlMin: params.get('trlMin') ?? undefined,
        budgetMin: params.get('budgetMin') ?? undefined,
        budgetMax: params.get('budgetMax') ?? undefined,
        sort: params.get('sort') ?? undefined,
      }),
    [key],
  );

  const set = (patch: Record<string, string | number | undefined | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === null || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const facet = (field: string) => result.data?.facets?.[field] ?? {};
  const facetOptions = (field: string, all: string[]) => all.map((v) => ({ value: v, label: `${v}${facet(field)[v] !== undefined ? `（${facet(field)[v]}）` : ''}` }));

  return (
    <Row gutter={20}>
      <Col xs={24} md={7} xl={6}>
        <Card title="筛选条件" size="small">
          <Form layout="vertical" size="middle">
            <Form.Item label="检索对象">
              <Segmented
                block
                value={type}
                options={[
                  { value: 'scenario', label: '场景需求' },
                  { value: 'capability', label: '能力供给' },
                  { value: 'organization', label: '单位' },
                ]}
                onChange={(v) => set({ type: String(v), tier: null, stage: null, kind: null, sort: null })}
              />
            </Form.Item>
            <Form.Item label="领域">
              <DomainSelect value={params.get('domain')?.split(',') ?? []} onChange={(v) => set({ domain: (v as string[]).join(',') })} placeholder="全部领域" />
            </Form.Item>
            <Form.Item label="地区">
              <RegionCascader value={params.get('region') ?? undefined} onChange={(v) => set({ region: v })} placeholder="全部地区（城市含下辖区县）" />
            </Form.Item>
            {type === 'scenario' && (
              <>
                <Form.Item label="场景层级">
                  <Select allowClear placeholder="全部" value={params.get('tier') ?? undefined} onChange={(v) => set({ tier: v })} options={facetOptions('tier', SCENARIO_TIERS)} />
                </Form.Item>
                <Form.Item label="场景阶段">
                  <Select allowClear placeholder="全部" value={params.get('stage') ?? undefined} onChange={(v) => set({ stage: v })} options={facetOptions('stage', SCENARIO_STAGES)} />
                </Form.Item>
              </>
            )}
            {type === 'capability' && (
              <>
                <Form.Item label="能力类型">
                  <Select allowClear placeholder="全部" value={params.get('kind') ?? undefined} onChange={(v) => set({ kind: v })} options={facetOptions('kind', CAPABILITY_KINDS)} />
                </Form.Item>
                <Form.Item label="供给方资质">
                  <Select allowClear placeholder="不限" value={params.get('qualification') ?? undefined} onChange={(v) => set({ qualification: v })} options={facetOptions('qualifications', QUALIFICATIONS)} />
                </Form.Item>
              </>
            )}
            {type !== 'organization' && (
              <>
                <Form.Item label={`技术成熟度 TRL 不低于：${params.get('trlMin') ?? '不限'}`}>
                  <Slider min={1} max={9} value={Number(params.get('trlMin') ?? 1)} onChangeComplete={(v) => set({ trlMin: v > 1 ? v : null })} />
                </Form.Item>
                <Form.Item label={type === 'scenario' ? '预算（万元）' : '报价（万元）'}>
                  <Space.Compact>
                    <InputNumber min={0} placeholder="最低" defaultValue={params.get('budgetMin') ? Number(params.get('budgetMin')) : undefined} onBlur={(e) => set({ budgetMin: e.target.value })} style={{ width: '50%' }} />
                    <InputNumber min={0} placeholder="最高" defaultValue={params.get('budgetMax') ? Number(params.get('budgetMax')) : undefined} onBlur={(e) => set({ budgetMax: e.target.value })} style={{ width: '50%' }} />
                  </Space.Compact>
                </Form.Item>
              </>
            )}
          </Form>
          {result.data && Object.keys(result.data.facets ?? {}).length > 0 && (
            <div>
              <Typography.Text strong>结果分布</Typography.Text>
              {Object.entries(result.data.facets)
                .filter(([f]) => f === 'domains' || f === 'regionCodes')
                .map(([f, counts]) => (
                  <div key={f} style={{ marginTop: 8 }}>
                    <div className="sx-muted">{FACET_LABEL[f] ?? f}</div>
                    <Space size={[4, 4]} wrap>
                      {Object.entries(counts)
                        .sort((a, b) => b[1] - a[1])
                        .slice(0, 12)
                        .map(([v, n]) => (
                          <Tag key={v} style={{ cursor: 'pointer' }} onClick={() => set(f === 'domains' ? { domain: v } : { region: v })}>
                            {f === 'regionCodes' ? (regionNames[v] ?? v) : v} {n}
                          </Tag>
                        ))}
                    </Space>
                  </div>
                ))}
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} md={17} xl={18}>
        <Space direction="vertical" style={{ width: '100%' }} size={16}>
          <Space.Compact style={{ width: '100%' }}>
            <Input.Search
              size="large"
              defaultValue={q}
              key={q}
              allowClear
              enterButton="检索"
              placeholder="输入关键词，例如：巡检机器人、人形机器人、心磁图（支持同义词）"
              onSearch={(v) => set({ q: v })}
              aria-label="检索关键词"
            />
          </Space.Compact>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Text type="secondary">
              {result.data ? `共找到 ${result.data.total} 条结果（用时 ${result.data.processingTimeMs} 毫秒）` : '正在检索…'}
            </Typography.Text>
            <Select
              style={{ width: 180 }}
              value={params.get('sort') ?? ''}
              onChange={(v) => set({ sort: v })}
              options={[
                { value: '', label: '按相关度排序' },
                { value: 'publishedAt:desc', label: '最新发布在前' },
                ...(type === 'scenario' ? [{ value: 'deadline:asc', label: '截止日期临近在前' }] : []),
                ...(type !== 'organization' ? [{ value: 'budget:desc', label: type === 'scenario' ? '预算从高到低' : '报价从高到低' }] : []),
              ]}
            />
          </Space>
          <RemoteView remote={result} isEmpty={(d) => !d.hits.length} empty={<Empty description={q ? `没有找到与“${q}”相关的结果，请换个关键词或减少筛选条件` : '暂无符合条件的结果'} />}>
            {(d) => (
              <>
                <List
                  itemLayout="vertical"
                  dataSource={d.hits}
                  renderItem={(h) => <HitItem hit={h} regionNames={regionNames} />}
                />
                <Pagination
                  style={{ marginTop: 16, textAlign: 'right' }}
                  current={d.page}
                  pageSize={d.pageSize}
                  total={d.total}
                  showSizeChanger={false}
                  showTotal={(t) => `共 ${t} 条`}
                  onChange={(p) => set({ page: p })}
                />
              </>
            )}
          </RemoteView>
        </Space>
      </Col>
    </Row>
  );
}

function HitItem({ hit, regionNames }: { hit: Hit; regionNames: Record<string, string> }) {
  const d = hit.document as Record<string, never>;
  const link = hit.type === 'scenario' ? `/scenarios/${hit.id}` : hit.type === 'capability' ? `/capabilities/${hit.id}` : `/organizations/${hit.id}`;
  const snippet = hit.highlight.summary ?? hit.highlight.description ?? (d.summary as string) ?? (d.description as string) ?? '';
  const domains = (d.domains as string[] | undefined) ?? [];
  const region = regionNames[(d.regionCode as string) ?? ''] ?? '';
  return (
    <List.Item key={hit.id} data-testid="search-hit">
      <List.Item.Meta
        title={
          <Space>
            <Tag color={hit.type === 'scenario' ? 'blue' : hit.type === 'capability' ? 'geekblue' : 'purple'}>{hit.type === 'scenario' ? '场景需求' : hit.type === 'capability' ? '能力供给' : '单位'}</Tag>
            <Link to={link}>
              <Highlight text={hit.highlight.title ?? hit.highlight.name ?? hit.title} />
            </Link>
          </Space>
        }
        description={
          <Space size={[4, 4]} wrap>
            {domains.map((x) => <Tag key={x}>{x}</Tag>)}
            {region && <span className="sx-muted">{region}</span>}
            {hit.type === 'scenario' && <span className="sx-muted">· 预算 {budgetText(d.budgetMinWan, d.budgetMaxWan, d.budgetNegotiable)} · 业主：{d.ownerDisplayName}</span>}
            {hit.type === 'scenario' && d.minTrl && <span className="sx-muted">· TRL ≥ {d.minTrl}</span>}
            {hit.type === 'scenario' && d.deadline && <span className="sx-muted">· 截止 {fmtDate(new Date(Number(d.deadline) * 1000).toISOString())}</span>}
            {hit.type === 'capability' && <span className="sx-muted">· {d.kind ?? ''} · TRL {d.trl ?? '—'} · 报价 {budgetText(d.priceMinWan, d.priceMaxWan, d.priceMinWan == null && d.priceMaxWan == null)} · {d.supplierName}</span>}
          </Space>
        }
      />
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
        <Highlight text={snippet} />
      </Typography.Paragraph>
    </List.Item>
  );
}
