import { LRUCache } from 'lru-cache';

/**
 * One status refresh per deployment at a time, its answer reused for `maxAgeMs` (issue 14). Each
 * refresh asks Linode's API (instance, then events): without this, every poll — htmx polls each
 * open page every 2 s, and a person may have several tabs open — made two API calls and cost the
 * app four times a page view's CPU. A failed refresh is not kept. `forget` drops a deployment's
 * answer at once (after a delete, the next view must ask again).
 */
export class StatusRefreshes<T> {
  private readonly recent: LRUCache<string, { at: number; answer: Promise<T> }>;

  constructor(
    private readonly maxAgeMs: number,
    max = 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.recent = new LRUCache({ max });
  }

  /** `refresh()`'s answer for `id`, shared with a refresh in flight or younger than maxAgeMs. */
  get(id: string, refresh: () => Promise<T>): Promise<T> {
    const entry = this.recent.get(id);
    if (entry && this.now() - entry.at < this.maxAgeMs) return entry.answer;
    const answer = refresh();
    const fresh = { at: this.now(), answer };
    this.recent.set(id, fresh);
    answer.catch(() => {
      if (this.recent.peek(id) === fresh) this.recent.delete(id);
    });
    return answer;
  }

  forget(id: string): void {
    this.recent.delete(id);
  }
}
