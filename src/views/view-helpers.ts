import type { StaticAssets } from './static-assets';
/**
 * Handlebars helpers and partial registration for the app's views. Helpers return plain strings,
 * so Handlebars escapes their output like any `{{ }}` value — including inside attributes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';

export interface HandlebarsRegistry {
  registerHelper(name: string, helper: (...args: never[]) => unknown): void;
  registerPartial(name: string, template: string): void;
}

/** Set at start (`useStaticAssets`): `{{asset "css/app.css"}}` then gives the hashed URL. */
let staticAssets: Pick<StaticAssets, 'url'> | null = null;

export function useStaticAssets(assets: Pick<StaticAssets, 'url'>): void {
  staticAssets = assets;
}

export function registerViewHelpers(hbs: HandlebarsRegistry): void {
  /** `{{asset "css/app.css"}}`: the content-hashed URL, or the plain `/static/` one before the app set them up (view tests). */
  hbs.registerHelper('asset', (name: unknown) => {
    const file = String(name);
    return staticAssets ? staticAssets.url(file) : `/static/${file}`;
  });

  /** `{{#if (eq a b)}}` */
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);

  /** `{{plural count "vCPU" "vCPUs"}}` → `1 vCPU`, `2 vCPUs`. */
  hbs.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => {
    const n = typeof count === 'number' ? count : Number(count);
    return `${n} ${n === 1 ? String(one) : String(many)}`;
  });
}

/**
 * Registers every `.hbs` file under `dir` as a partial named by its path without the extension,
 * keeping hyphens (`_price-summary.hbs` → `{{> _price-summary}}`). Synchronous, so no request can
 * arrive before the partials exist — unlike `hbs.registerPartials`, which reads files
 * asynchronously and renames `-` to `_`.
 */
export function registerViewPartials(hbs: HandlebarsRegistry, dir: string): void {
  for (const file of listTemplates(dir)) {
    const name = relative(dir, file).slice(0, -extname(file).length).split(sep).join('/');
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }
}

function listTemplates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTemplates(path);
    return entry.isFile() && entry.name.endsWith('.hbs') ? [path] : [];
  });
}
