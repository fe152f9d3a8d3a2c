/**
 * One fetch wrapper for the whole SPA: bearer token, a single-flight refresh on 401,
 * and RFC 9457 problem details turned into ApiError so pages can show what to do.
 */

export interface FieldError {
  field: string;
  messages: string[];
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  allowed?: string[];
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title || `请求失败（${status}）`);
  }

  /** The sentence shown to a person: what went wrong and, where we know, what to do. */
  get userMessage(): string {
    const { status, problem } = this;
    if (status === 0) return '无法连接服务器，请检查网络后重试';
    if (status === 401) return '登录已过期，请重新登录';
    if (status === 403) return problem.detail || '当前账号无权执行此操作';
    if (status === 404) return problem.detail || '内容不存在或您无权查看';
    if (status === 429) return '操作过于频繁，请稍后再试';
    if (status >= 500) return '服务器暂时无法处理，请稍后重试；如持续出现请联系管理员' + (problem.requestId ? `（请求编号 ${problem.requestId}）` : '');
    const base = problem.detail || problem.title || '请求有误';
    return base;
  }
}

export interface UserInfo {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName: string | null;
  jurisdictionRegionCode: string | null;
}

export type Role = 'owner' | 'supplier' | 'organizer' | 'expert' | 'admin';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: UserInfo;
}

const STORAGE_KEY = 'sx.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const l of listeners) l(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let refreshing: Promise<boolean> | null = null;

async function refreshTokens(): Promise<boolean> {
  const session = loadSession();
  if (!session) return false;
  refreshing ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      });
      if (!res.ok) {
        saveSession(null);
        return false;
      }
      const body = (await res.json()) as Session;
      saveSession({ accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user });
      return true;
    } catch {
      return false;
    } finally {
      setTimeout(() => (refreshing = null), 0);
    }
  })();
  return refreshing;
}

export type Query = Record<string, string | number | boolean | undefined | null | string[] | number[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','));
    } else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query, retried = false): Promise<T> {
  const session = loadSession();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session) headers.Authorization = `Bearer ${session.accessToken}`;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, query), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { status: 0, title: '网络错误' });
  }
  if (res.status === 401 && session && !retried && !path.startsWith('/auth/')) {
    if (await refreshTokens()) return request<T>(method, path, body, query, true);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const problem = (parsed && typeof parsed === 'object' ? parsed : { status: res.status, title: `请求失败（${res.status}）` }) as Problem;
    throw new ApiError(res.status, { ...problem, status: res.status });
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  del: <T>(path: string, body?: unknown) => request<T>('DELETE', path, body),
};

/** Files (Excel, .ics) need the bearer header too, so they are fetched and saved as a blob. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const session = loadSession();
  const res = await fetch(`/api/v1${path}`, { headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {} });
  if (!res.ok) {
    let problem: Problem = { status: res.status };
    try {
      problem = (await res.json()) as Problem;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, { ...problem, status: res.status });
  }
  const blob = await res.blob();
  const disposition = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
