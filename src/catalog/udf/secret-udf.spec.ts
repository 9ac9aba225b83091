import { isSecretUdfName } from './secret-udf';

describe('isSecretUdfName', () => {
  it.each([
    // Names from Linode Marketplace StackScripts
    ['token_password', 'Your Linode API token'],
    ['api_token', 'Linode API token'],
    ['LINODE_TOKEN', 'Token'],
    ['mysql_root_password', 'MySQL root password'],
    ['database_password', 'Database password'],
    ['admin_password', 'Admin password'],
    ['sudo_password', 'Sudo user password'],
    ['rootpass', 'Root password'],
    ['DB_PASS', 'Database password'],
    ['ADMIN_PW', 'Administrator'],
    ['PASSPHRASE', 'Key passphrase'],
    ['client_secret', 'Client'],
    ['dbPassword', 'DB'],
    ['db_PassWord', 'DB'],
    ['ROOT_PWD', 'Root'],
    ['user_passwd', 'User'],
    ['pass_through', 'Pass through'],
    ['API_KEY', 'Key'],
    ['apikey', 'Key'],
    ['cloudflareApiKey', 'Cloudflare'],
    ['ssl_private_key', 'TLS key'],
    ['privkey', 'Key'],
    ['tokens', 'Tokens'],
    // Found by the label only
    ['db_value', 'Database password'],
    ['cf_value', 'Cloudflare API key'],
    ['credential', 'The secret for the webhook'],
    ['access', 'Personal access tokens'],
  ])('%s ("%s") is a secret', (name, label) => {
    expect(isSecretUdfName(name, label)).toBe(true);
  });

  it.each([
    ['soa_email_address', 'Email address for the SOA record'],
    ['pubkey', 'The SSH public key that will be used to access the Linode'],
    ['ssh_key', 'SSH key'],
    ['user_name', 'The limited sudo user to be created for the Linode'],
    ['disable_root', 'Disable root access over SSH?'],
    ['admin_email', 'Admin email'],
    ['domain', 'Your domain'],
    ['passenger', 'Passenger app name'],
    ['compass', 'Compass heading'],
    ['bypass_proxy', 'Bypass the proxy'],
    ['tokenizer', 'Tokenizer'],
    ['keypair_name', 'Key pair name'],
    ['passbolt_domain', 'Passbolt domain'],
  ])('%s ("%s") is not a secret', (name, label) => {
    expect(isSecretUdfName(name, label)).toBe(false);
  });
});
