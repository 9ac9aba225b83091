/**
 * Linode OAuth scopes: `<family>:<level>` with level `read_only` | `read_write`, `<family>:*` for
 * all of one family, and `*` for everything. Scope strings are comma- or space-separated.
 */
export type ScopeLevel = 'read_only' | 'read_write';

export function parseScopes(value: string): string[] {
  return [...new Set(value.split(/[,\s]+/).filter(Boolean))];
}

/**
 * Whether the granted scopes give `level` access to `family`. `read_write` implies `read_only`,
 * `family:*` and `*` imply both.
 */
export function scopesAllow(granted: readonly string[], family: string, level: ScopeLevel): boolean {
  return granted.some((scope) => {
    if (scope === '*' || scope === `${family}:*` || scope === `${family}:read_write`) return true;
    return level === 'read_only' && scope === `${family}:read_only`;
  });
}
