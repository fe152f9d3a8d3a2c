import 'reflect-metadata';
import { createApiApp, listenAddress } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApiApp();
  const { port, host } = listenAddress(app);
  await app.listen(port, host);
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  // Printed plainly (not as JSON) because a person starting the platform reads it.
  process.stdout.write(`\n场景对接平台 网页门户 / Web portal:   http://${shown}:${port}/\n场景对接平台 API 已启动 / API ready:  http://${shown}:${port}/api/v1\n接口文档 / API docs:                http://${shown}:${port}/docs\n健康检查 / Health:                  http://${shown}:${port}/health\n\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
