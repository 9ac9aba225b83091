/**
 * Linode OAuth scopes: `<family>:<level>` with level `read_only` | `read_write`, `<family>:*` for
 * all of one family, and `*` for everything. Scope strings are comma- or space-separated.
 */

export type ScopeLevel = 'read_only' | 'read_write';

const LEVELS = new Set(['read_only', 'read_write', '*']);
/** OAuth scope families known to login.linode.com. */
const FAMILIES = new Set([
  'account',
  'databases',
  'domains',
  'events',
  'firewall',
  'images',
  'ips',
  'linodes',
  'lke',
  'longview',
  'nodebalancers',
  'object_storage',
  'stackscripts',
  'volumes',
  'vpc',
]);

export function parseScopes(value: string | null | undefined): string[] {
  if (!value) return [];
  return [...new Set(value.split(/[,\s]+/).filter(Boolean))];
}

/** Whether `scope` is a scope login.linode.com knows (`*`, `family:*`, `family:level`). */
export function isKnownScope(scope: string): boolean {
  if (scope === '*') return true;
  const [family, level, extra] = scope.split(':');
  return extra === undefined && FAMILIES.has(family) && LEVELS.has(level ?? '');
}

/**
 * Whether the granted scopes give `level` access to `family`. `read_write` implies `read_only`,
 * `family:*` and `*` imply both.
 */
export function scopesAllow(granted: readonly string[], family: string, level: ScopeLevel): boolean {
  return granted.some((scope) => {
    if (scope === '*' || scope === `${family}:*`) return true;
    if (scope === `${family}:read_write`) return true;
    return level === 'read_only' && scope === `${family}:read_only`;
  });
}
