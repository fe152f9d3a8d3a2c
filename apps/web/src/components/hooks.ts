import type { FormInstance } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export interface Remote<T> {
  data: T | undefined;
  loading: boolean;
  error: ApiError | undefined;
  reload: () => void;
}

/** Loads data for a page; `deps` change → reload. Errors are kept, never thrown into React. */
export function useRemote<T>(load: () => Promise<T>, deps: unknown[]): Remote<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    loadRef
      .current()
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(asApiError(e)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, loading, error, reload };
}

export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError(0, { status: 0, title: e instanceof Error ? e.message : String(e) });
}

/**
 * Puts the server's field errors (problem details `errors[{field, messages}]`) onto the form's fields,
 * so the user sees each message under the field they typed into and keeps what they typed.
 * Returns the messages that did not belong to any field of this form.
 */
export function applyServerErrors(form: FormInstance, error: unknown, aliases: Record<string, string> = {}): string[] {
  const e = asApiError(error);
  const leftover: string[] = [];
  const known = new Set(Object.keys(flatten(form.getFieldsValue(true) as Record<string, unknown>)));
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const fe of e.problem.errors ?? []) {
    const name = aliases[fe.field] ?? fe.field;
    const path = name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const top = name.split('.')[0];
    const last = fe.field.split('.').pop() ?? fe.field;
    // The API prefixes messages with the property name ("creditCode：…"); under the field it is noise.
    const messages = fe.messages.map((m) => m.replace(new RegExp(`^(${escapeRe(fe.field)}|${escapeRe(last)})\\s*[：:]\\s*`), ''));
    if (known.has(name) || known.has(top)) fields.push({ name: path, errors: messages });
    else leftover.push(...fe.messages.map((m) => `${fe.field}：${m}`));
  }
  if (fields.length) form.setFields(fields);
  if (!fields.length && !leftover.length) leftover.push(e.userMessage);
  return leftover;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, true> = {}): Record<string, true> {
  for (const [k, v] of Object.entries(obj ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    out[key] = true;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
  }
  return out;
}
