/** Linode OAuth scopes this sandbox's login service accepts, as login.linode.com does. */
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

/** Whether `scope` is a scope login.linode.com knows (`*`, `family:*`, `family:level`). */
export function isKnownScope(scope: string): boolean {
  if (scope === '*') return true;
  const [family, level, extra] = scope.split(':');
  return extra === undefined && FAMILIES.has(family) && LEVELS.has(level ?? '');
}
