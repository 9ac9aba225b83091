import hbs from 'hbs';
import { join } from 'node:path';
import { registerViewHelpers, registerViewPartials } from './view-helpers';

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
