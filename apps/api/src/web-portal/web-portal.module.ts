import { Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the SPA must never answer: the API keeps its own 404 problem bodies there. */
const RESERVED = /^\/(api|docs|docs-json|health)(\/|$|\?)/;

/**
 * Where `vite build --config apps/web/vite.config.ts` puts the SPA: <repo>/dist/web.
 * Compiled code runs from dist/apps/api/src/web-portal, tests from apps/api/src/web-portal.
 */
export function findWebRoot(): string | null {
  const candidates = [resolve(__dirname, '../../../../web'), resolve(__dirname, '../../../../dist/web'), resolve(process.cwd(), 'dist/web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web portal on the API's origin: hashed assets with long caching, and index.html for any
 * other GET/HEAD outside the reserved prefixes (client-side routes). Registered in onModuleInit, i.e.
 * after Nest's routes and before its not-found handler, so API routes always win.
 */
@Injectable()
export class WebPortalService implements OnModuleInit {
  private readonly logger = new Logger('WebPortal');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    const root = findWebRoot();
    if (!root) {
      this.logger.warn('dist/web not found: the web portal is not served. Build it with `npm run build:web`.');
      return;
    }
    const app = adapter.getInstance<express.Express>();
    const indexFile = join(root, 'index.html');
    const assets = express.static(root, {
      index: false,
      fallthrough: true,
      setHeaders: (res, path) => {
        res.setHeader('Cache-Control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.use((req: Request, res: Response, next: NextFunction) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || RESERVED.test(req.path)) return next();
      assets(req, res, () => {
        // A missing asset is a real 404, not the SPA shell (a stale tab asking for an old bundle).
        if (req.path.startsWith('/assets/')) return next();
        if (!(req.headers.accept ?? '').includes('text/html') && /\.[a-z0-9]+$/i.test(req.path)) return next();
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(indexFile);
      });
    });
    this.logger.log(`web portal served from ${root}`);
  }
}

@Module({ providers: [WebPortalService] })
export class WebPortalModule {}
