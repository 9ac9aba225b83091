/**
 * A rendered page kept as bytes, split where a per-request value (the CSRF token) goes: each
 * answer is one Buffer.concat of the cached parts and the value, instead of a fresh copy of the
 * whole page as a JS string (two bytes a character once it holds any non-Latin-1 text) that is
 * then encoded again to UTF-8 — per view, that was most of the garbage the collector had to chase.
 */
export class PageTemplate {
  private readonly parts: Buffer[];

  /** `html` with every `placeholder` a slot for the per-request value. */
  constructor(html: string, placeholder: string) {
    this.parts = html.split(placeholder).map((part) => Buffer.from(part, 'utf8'));
  }

  /** The page with `value` in every slot. `value` goes in raw: the caller makes sure it needs no escaping. */
  fill(value: string): Buffer {
    if (this.parts.length === 1) return this.parts[0];
    const { chunks, byteLength } = this.pieces(value);
    return Buffer.concat(chunks, byteLength);
  }

  /**
   * The page with `value` in every slot, as the pieces to write one after the other: the cached
   * parts themselves, shared by every answer, and the value's bytes — nothing as big as the page
   * is allocated per answer.
   */
  pieces(value: string): { chunks: Buffer[]; byteLength: number } {
    const slot = Buffer.from(value, 'utf8');
    const chunks: Buffer[] = [this.parts[0]];
    let byteLength = this.parts[0].length;
    for (let i = 1; i < this.parts.length; i++) {
      chunks.push(slot, this.parts[i]);
      byteLength += slot.length + this.parts[i].length;
    }
    return { chunks, byteLength };
  }

  /** Bytes held, for the cache's size accounting. */
  get size(): number {
    return this.parts.reduce((sum, part) => sum + part.length, 0);
  }
}
