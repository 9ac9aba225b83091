import hbs from 'hbs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StaticAssets } from './static-assets';

// Templates are not compiled, so the path is the same from src/ and dist/.
export const VIEWS_DIR = join(__dirname, '..', '..', 'views');

let registered = false;

/** Once per process (hbs keeps them globally), by the app and view tests alike; synchronously, so no request misses a partial. */
export function registerViews(): void {
  if (registered) return;
  registerViewPartials(hbs, join(VIEWS_DIR, 'partials'));
  registerViewHelpers(hbs);
  registered = true;
}

// Helpers return plain strings, so Handlebars escapes their output like any `{{ }}` value, in attributes too.

type HandlebarsRegistry = Pick<typeof hbs, 'registerHelper' | 'registerPartial'>;

/** Set at start (`useStaticAssets`): `{{asset "css/app.css"}}` then gives the hashed URL. */
let staticAssets: StaticAssets | null = null;

export function useStaticAssets(assets: StaticAssets): void {
  staticAssets = assets;
}

export function registerViewHelpers(registry: HandlebarsRegistry): void {
  /** `{{asset "css/app.css"}}`: the content-hashed URL, or the plain `/static/` one before the app set them up (view tests). */
  registry.registerHelper('asset', (name: unknown) => {
    const file = String(name);
    return staticAssets ? staticAssets.url(file) : `/static/${file}`;
  });

  /** `{{#if (eq a b)}}` */
  registry.registerHelper('eq', (a: unknown, b: unknown) => a === b);

  /** `{{plural count "vCPU" "vCPUs"}}` → `1 vCPU`, `2 vCPUs`. */
  registry.registerHelper('plural', (count: unknown, one: unknown, many: unknown) => {
    const n = Number(count);
    return `${n} ${n === 1 ? String(one) : String(many)}`;
  });
}

/**
 * Registers each `.hbs` file in `dir` as a partial named by its file name, hyphens kept
 * (`hbs.registerPartials` reads in the background and renames `-` to `_`).
 */
export function registerViewPartials(registry: HandlebarsRegistry, dir: string): void {
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.hbs'))) {
    registry.registerPartial(file.slice(0, -'.hbs'.length), readFileSync(join(dir, file), 'utf8'));
  }
}
