import hbs from 'hbs';
import { join } from 'node:path';
import { registerViewHelpers, registerViewPartials } from './view-helpers';

/** The repository's `views/` folder (templates are not compiled, so the path is the same from src/ and dist/). */
export const VIEWS_DIR = join(__dirname, '..', '..', 'views');

let registered = false;

/**
 * The one place partials and helpers are registered, by the app and by tests alike (hbs keeps them
 * per process). Synchronously: `hbs.registerPartials` reads the folder in the background, so a
 * first request could miss them.
 */
export function registerViews(): void {
  if (registered) return;
  registerViewPartials(hbs, join(VIEWS_DIR, 'partials'));
  registerViewHelpers(hbs);
  registered = true;
}
