import { Alert, Button, Cascader, Empty, Result, Select, Skeleton, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { Remote } from './hooks';
import { useRemote } from './hooks';

export function StatusTag({ map, value }: { map: Record<string, { text: string; color: string }>; value: string | null | undefined }) {
  if (!value) return null;
  const m = map[value] ?? { text: value, color: 'default' };
  return <Tag color={m.color}>{m.text}</Tag>;
}

/** What a page shows while loading, on error (with what to do) and when empty. */
export function RemoteView<T>({ remote, children, empty, isEmpty }: { remote: Remote<T>; children: (data: T) => ReactNode; empty?: ReactNode; isEmpty?: (d: T) => boolean }) {
  if (remote.loading && remote.data === undefined) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (remote.error && remote.data === undefined) return <ErrorState error={remote.error} onRetry={remote.reload} />;
  if (remote.data === undefined) return null;
  if (isEmpty?.(remote.data)) return <>{empty ?? <Empty description="暂无数据" />}</>;
  return <>{children(remote.data)}</>;
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  if (error.status === 404) {
    return <Result status="404" title="内容不存在" subTitle={`${error.userMessage}。请检查链接，或返回首页重新查找。`} extra={<Link to="/"><Button type="primary">返回首页</Button></Link>} />;
  }
  if (error.status === 401) {
    return <Result status="403" title="请先登录" subTitle="此页面需要登录后查看。" extra={<Link to="/login"><Button type="primary">去登录</Button></Link>} />;
  }
  if (error.status === 403) {
    return <Result status="403" title="无权访问" subTitle={`${error.userMessage}。如需开通权限，请联系平台主办方。`} />;
  }
  return (
    <Alert
      type="error"
      showIcon
      message="加载失败"
      description={`${error.userMessage}。`}
      action={onRetry ? <Button size="small" onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

export function FormErrors({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 16 }} message="提交未成功，请按提示修改后重试" description={<ul style={{ margin: 0, paddingLeft: 20 }}>{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>} />;
}

interface Region {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}
interface Option {
  value: string;
  label: string;
  isLeaf?: boolean;
  children?: Option[];
}

let regionCache: Promise<Region[]> | null = null;
export function allRegions(): Promise<Region[]> {
  regionCache ??= api.get<Region[]>('/regions').catch((e: unknown) => {
    regionCache = null;
    throw e;
  });
  return regionCache;
}

export function useRegionNames(): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    allRegions()
      .then((rs) => setNames(Object.fromEntries(rs.map((r) => [r.code, r.name]))))
      .catch(() => undefined);
  }, []);
  return names;
}

/**
 * Province → city → district cascader over /api/v1/regions; the value is the chosen code path.
 * `within` limits the choice to one region and what lies below it (an organizer's jurisdiction).
 */
export function RegionCascader({ value, onChange, placeholder, changeOnSelect = true, id, within }: { value?: string; onChange?: (v: string | undefined) => void; placeholder?: string; changeOnSelect?: boolean; id?: string; within?: string }) {
  const [options, setOptions] = useState<Option[]>([]);
  const [byCode, setByCode] = useState<Record<string, Region>>({});
  useEffect(() => {
    allRegions()
      .then((regions) => {
        const map = Object.fromEntries(regions.map((r) => [r.code, r]));
        const build = (parent: string | null): Option[] =>
          regions
            .filter((r) => r.parentCode === parent || (parent === null && !map[r.parentCode ?? '']))
            .map((r) => {
              const children = build(r.code);
              return { value: r.code, label: r.name, children: children.length ? children : undefined };
            });
        setByCode(map);
        const root = within ? map[within] : undefined;
        setOptions(root ? [{ value: root.code, label: root.name, children: build(root.code) }] : build(null));
      })
      .catch(() => undefined);
  }, [within]);
  const path: string[] = [];
  for (let c: string | undefined | null = value; c && byCode[c]; c = c === within ? null : byCode[c].parentCode) path.unshift(c);
  return (
    <Cascader
      id={id}
      options={options}
      value={path.length ? path : undefined}
      changeOnSelect={changeOnSelect}
      placeholder={placeholder ?? '请选择所在地区'}
      showSearch
      onChange={(v) => onChange?.(v && v.length ? String(v[v.length - 1]) : undefined)}
      style={{ width: '100%' }}
    />
  );
}

interface Domain {
  code: string;
  name: string;
  system: string;
}
export function DomainSelect({ value, onChange, multiple = true, placeholder, id }: { value?: string[] | string; onChange?: (v: string[] | string) => void; multiple?: boolean; placeholder?: string; id?: string }) {
  const domains = useRemote(() => api.get<Domain[]>('/domains'), []);
  const names = [...new Set((domains.data ?? []).map((d) => d.name))];
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? '请选择未来产业领域'}
      loading={domains.loading}
      options={names.map((n) => ({ value: n, label: n }))}
      style={{ width: '100%' }}
      maxCount={multiple ? 5 : undefined}
    />
  );
}

/** Renders Meilisearch `_formatted` text where matches are wrapped in <em>; everything else is escaped. */
export function Highlight({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  const parts = text.split(/(<em>.*?<\/em>)/g);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('<em>') ? (
          <mark key={i} className="sx-hl">
            {p.slice(4, -5)}
          </mark>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}

export function PageTitle({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 16, gap: 16, flexWrap: 'wrap' }}>
      <Space direction="vertical" size={0}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub ? <Typography.Text type="secondary">{sub}</Typography.Text> : null}
      </Space>
      {extra}
    </div>
  );
}

export function fmtDate(v: string | null | undefined, withTime = false): string {
  if (!v) return '—';
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) return v;
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return withTime ? `${day} ${pad(d.getHours())}:${pad(d.getMinutes())}` : day;
}
