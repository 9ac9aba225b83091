/**
 * The sandbox's built-in public StackScripts, written for this project:
 * - the demo (id 320826, the id Linode's own install-on-linode example uses), whose UDFs cover
 *   every kind the app must render: required text, text with a default, a password, a short and
 *   a long single choice, a multiple choice, a section header and examples;
 * - "hello world" (id 320827), with no UDFs at all, so the simplest client (Linode's Flask
 *   example, which sends no `stackscript_data`) can deploy it.
 * `user_defined_fields` is derived from each script's tags, as Linode does.
 */
import type { StackScript } from '../../contract/linode.contract';
import { SandboxStackScript, toStackScript } from '../stackscripts/sandbox-stackscript';

export const DEMO_STACKSCRIPT_ID = 320826;
export const HELLO_STACKSCRIPT_ID = 320827;

const DEMO_SCRIPT = String.raw`#!/bin/bash
# Demo web application for install-on-linode: one page behind the web server you pick,
# with a MariaDB database for the app and a few hardening packages.
#
# <UDF name="APP_DOMAIN" label="Domain name the site answers to" example="app.example.com">
# <UDF name="ADMIN_EMAIL" label="Administrator email address" example="you@example.com">
# <UDF name="DB_PASSWORD" label="Password for the application's database user" example="a long random passphrase">
# <UDF name="SITE_TITLE" label="Title shown on the welcome page" default="My Application" example="Hello from Linode">
# <UDF name="WEB_SERVER" label="Web server" oneof="nginx,apache,caddy" default="nginx">
# <UDF name="TIMEZONE" label="Server time zone" oneof="UTC,Europe/London,Europe/Berlin,America/New_York,America/Chicago,America/Los_Angeles,Asia/Singapore,Asia/Tokyo" default="UTC">
# <UDF name="EXTRA_PACKAGES" label="Extra packages to install" manyof="git,htop,fail2ban,ufw,unattended-upgrades" default="fail2ban,ufw">
# <UDF name="ADVANCED" label="Advanced options" header="Yes" default="Yes">
# <UDF name="SWAP_MB" label="Swap file size in MB (0 for none)" default="512" example="1024">
# <UDF name="SUDO_USER" label="Limited sudo user to create (leave empty to skip)" default="" example="deploy">

set -euo pipefail
exec > >(tee -a /var/log/stackscript.log) 2>&1

export DEBIAN_FRONTEND=noninteractive
timedatectl set-timezone "$TIMEZONE"
apt-get update -q
apt-get -y -q upgrade
apt-get -y -q install mariadb-server $(echo "$EXTRA_PACKAGES" | tr ',' ' ')

if [ "$SWAP_MB" -gt 0 ]; then
  fallocate -l "$SWAP_MB"M /swapfile && chmod 600 /swapfile && mkswap /swapfile && swapon /swapfile
  echo '/swapfile none swap sw 0 0' >> /etc/fstab
fi

if [ -n "$SUDO_USER" ]; then
  adduser --disabled-password --gecos "" "$SUDO_USER"
  usermod -aG sudo "$SUDO_USER"
fi

mysql -e "CREATE DATABASE IF NOT EXISTS app; CREATE USER IF NOT EXISTS 'app'@'localhost' IDENTIFIED BY '$DB_PASSWORD'; GRANT ALL ON app.* TO 'app'@'localhost';"

mkdir -p /var/www/app
cat > /var/www/app/index.html <<PAGE
<!doctype html>
<title>$SITE_TITLE</title>
<h1>$SITE_TITLE</h1>
<p>Deployed with install-on-linode. Questions: $ADMIN_EMAIL</p>
PAGE

case "$WEB_SERVER" in
  nginx)
    apt-get -y -q install nginx
    printf 'server {\n  listen 80;\n  server_name %s;\n  root /var/www/app;\n}\n' "$APP_DOMAIN" > /etc/nginx/sites-available/app
    ln -sf /etc/nginx/sites-available/app /etc/nginx/sites-enabled/app
    rm -f /etc/nginx/sites-enabled/default
    systemctl reload nginx
    ;;
  apache)
    apt-get -y -q install apache2
    printf '<VirtualHost *:80>\n  ServerName %s\n  DocumentRoot /var/www/app\n</VirtualHost>\n' "$APP_DOMAIN" > /etc/apache2/sites-available/app.conf
    a2dissite 000-default && a2ensite app && systemctl reload apache2
    ;;
  caddy)
    apt-get -y -q install caddy
    printf '%s {\n  root * /var/www/app\n  file_server\n}\n' "$APP_DOMAIN" > /etc/caddy/Caddyfile
    systemctl reload caddy
    ;;
esac

if echo "$EXTRA_PACKAGES" | grep -q ufw; then
  ufw allow OpenSSH && ufw allow http && ufw allow https && ufw --force enable
fi
`;

const HELLO_SCRIPT = `#!/bin/bash
# Hello world for the Linode sandbox: no UDFs, nothing to fill in.
echo "Hello from a Linode deployed with a StackScript" > /root/hello.txt
`;

export const BUILT_IN_STACKSCRIPTS: readonly SandboxStackScript[] = [
  {
    id: DEMO_STACKSCRIPT_ID,
    owner: 'install-on-linode',
    origin: 'built-in',
    input: {
      label: 'install-on-linode demo app',
      description:
        'A one-page web application behind nginx, Apache or Caddy, with a MariaDB database and optional hardening. ' +
        'Used by install-on-linode to show a complete deployment.',
      images: ['linode/debian12', 'linode/ubuntu24.04', 'linode/ubuntu22.04'],
      is_public: true,
      rev_note: 'Initial public revision',
      script: DEMO_SCRIPT,
    },
    created: '2024-03-18T09:30:00',
    updated: '2024-09-02T14:05:00',
    deploymentsActive: 42,
    deploymentsTotal: 118,
  },
  {
    id: HELLO_STACKSCRIPT_ID,
    owner: 'install-on-linode',
    origin: 'built-in',
    input: {
      label: 'Hello world',
      description: 'Writes /root/hello.txt. No fields to fill in.',
      images: ['linode/debian12', 'linode/debian13', 'linode/ubuntu24.04', 'linode/ubuntu22.04', 'linode/almalinux9', 'linode/rocky9'],
      is_public: true,
      rev_note: '',
      script: HELLO_SCRIPT,
    },
    created: '2024-03-18T09:30:00',
    updated: '2024-03-18T09:30:00',
    deploymentsActive: 0,
    deploymentsTotal: 0,
  },
];

/** The built-in StackScripts as anyone (no token) sees them. */
export const STACKSCRIPTS_SEED: readonly StackScript[] = BUILT_IN_STACKSCRIPTS.map((record) => toStackScript(record, null));
