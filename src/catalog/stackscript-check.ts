import type { CatalogSource } from './catalog.options';

/** How a StackScript check ended: usable, refused by Linode (a configuration problem), or unknown. */
export type StackScriptCheck =
  { id: number; ok: true } | { id: number; ok: false; problem: string } | { id: number; ok: null; warning: string };

/** Errors shaped like `LinodeApiError`: a status from Linode's answer. */
function statusOf(error: unknown): number | null {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : null;
}

/**
 * Asks Linode for each allowed StackScript at boot. A 404 or 401/403 is a configuration problem
 * (one message per bad id, so all can be fixed at once); a network failure or 5xx is only a
 * warning, since the catalog retries and the StackScript may well be fine.
 */
export async function checkStackScripts(
  source: Pick<CatalogSource, 'getStackScript'>,
  ids: readonly number[],
): Promise<StackScriptCheck[]> {
  return Promise.all(
    ids.map(async (id): Promise<StackScriptCheck> => {
      try {
        await source.getStackScript(id);
        return { id, ok: true };
      } catch (error) {
        const status = statusOf(error);
        if (status === 404) return { id, ok: false, problem: `StackScript ${id} does not exist at Linode (404)` };
        if (status === 401 || status === 403) {
          return { id, ok: false, problem: `StackScript ${id} is not readable (${status}): make it public, or use another id` };
        }
        const detail = error instanceof Error ? error.message : String(error);
        return { id, ok: null, warning: `StackScript ${id} could not be checked now (${detail}); the page retries` };
      }
    }),
  );
}
