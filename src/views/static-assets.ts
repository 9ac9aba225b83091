import { hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export const ASSETS_PATH = '/assets';

/** A year, the most HTTP caches honour: a hashed URL never changes content. */
const IMMUTABLE_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/** Static files under content-hashed URLs (`/assets/<hash>/<name>`): a changed file gets a new URL, so caches may keep each one for good. */
export class StaticAssets {
  private readonly assets = new Map<string, { file: string; hash: string }>();

  constructor(files: Record<string, string>) {
    for (const [name, file] of Object.entries(files)) {
      this.assets.set(name, { file, hash: hash('sha256', readFileSync(file), 'base64url').slice(0, 12) });
    }
  }

  /** The hashed URL of a known asset; an unknown name is a template bug, said at render time. */
  url(name: string): string {
    const asset = this.assets.get(name);
    if (!asset) throw new Error(`unknown static asset "${name}"`);
    return `${ASSETS_PATH}/${asset.hash}/${name}`;
  }

  /** An outdated hash falls through to the 404. */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const match = /^\/([A-Za-z0-9_-]{12})\/(.+)$/.exec(req.path);
      const asset = match ? this.assets.get(match[2]) : undefined;
      if (!match || !asset || asset.hash !== match[1]) return next();
      res.sendFile(asset.file, { maxAge: IMMUTABLE_MAX_AGE_MS, immutable: true, dotfiles: 'deny' }, (error) => {
        if (error) next(error);
      });
    };
  }
}

export function appStaticAssets(publicDir: string, htmxDir: string): StaticAssets {
  return new StaticAssets({
    'css/app.css': join(publicDir, 'css', 'app.css'),
    'js/app.js': join(publicDir, 'js', 'app.js'),
    'htmx/htmx.min.js': join(htmxDir, 'htmx.min.js'),
  });
}
