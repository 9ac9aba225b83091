import { createHash } from 'node:crypto';
import type { Profile } from '../../contract/linode.contract';

/** A stable number from the username, so a user keeps their uid across resets and restarts. */
function stableNumber(username: string, salt: string, digits: number): number {
  const hash = createHash('sha256').update(`${salt}:${username}`).digest();
  return 10 ** (digits - 1) + (hash.readUInt32BE(0) % (9 * 10 ** (digits - 1)));
}

/** The profile of a sandbox user: every username is its own unrestricted account. */
export function sandboxProfile(username: string): Profile {
  const referralCode = createHash('sha256').update(`referral:${username}`).digest('hex').slice(0, 40);
  return {
    uid: stableNumber(username, 'uid', 7),
    username,
    email: `${username.replace(/[^A-Za-z0-9._-]/g, '_')}@example.com`,
    restricted: false,
    timezone: 'US/Eastern',
    two_factor_auth: false,
    authentication_type: 'password',
    authorized_keys: null,
    email_notifications: true,
    lish_auth_method: 'password_keys',
    ip_whitelist_enabled: false,
    verified_phone_number: null,
    referrals: {
      code: referralCode,
      url: `https://www.linode.com/?r=${referralCode}`,
      total: 0,
      completed: 0,
      pending: 0,
      credit: 0,
    },
    user_type: 'default',
  };
}
