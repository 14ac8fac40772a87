import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

/**
 * Paths the console never answers: the API, its docs, the probes, the metrics, the development
 * mailbox and the queue dashboard keep their own answers (a 404 there stays a problem+json 404).
 */
const NOT_CONSOLE = /^\/(api|docs|docs-json|docs-yaml|health|metrics|dev|admin\/queues)(\/|$)/;

/**
 * The web console (apps/web, built into `webDir`) at `/`: its files, and index.html for every
 * other GET that asks for a page, so a client route (`/visa-applications/<id>`) opened from a
 * link or reloaded lands in the app. Nothing is mounted when the console is not built.
 */
export function serveConsole(app: INestApplication, webDir: string): boolean {
  if (!consoleBuilt(webDir)) return false;
  const root = resolve(webDir);
  const index = resolve(root, 'index.html');
  const files = express.static(root, { index: false, fallthrough: true, maxAge: '1h', immutable: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) return next();
    if (req.path.startsWith('/assets/')) {
      // Vite names every asset by its content hash, so it may be cached for good.
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      return files(req, res, next);
    }
    if (req.path !== '/' && /\.[a-z0-9]+$/i.test(req.path)) return files(req, res, next);
    if (!req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}

/** Whether `npm run build` left a console in `webDir`. */
export function consoleBuilt(webDir: string): boolean {
  return existsSync(resolve(webDir, 'index.html'));
}
