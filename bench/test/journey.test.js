'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { nextHop, requiredUdfValues } = require('../lib/journey');

describe('filling the StackScript’s required fields', () => {
  const udfs = (...fields) => ({ user_defined_fields: fields });

  it('leaves fields with a default (even an empty one) to the page', () => {
    assert.deepEqual(requiredUdfValues(udfs({ name: 'TITLE', label: 't', default: 'x' }, { name: 'USER', label: 'u', default: '' })), {});
  });

  it('picks the first choice of a single or multiple choice', () => {
    assert.deepEqual(
      requiredUdfValues(udfs({ name: 'WEB', label: 'w', oneof: 'nginx,apache' }, { name: 'PKG', label: 'p', manyof: 'git,ufw' })),
      {
        udf_WEB: 'nginx',
        udf_PKG: ['git'],
      },
    );
  });

  it('gives passwords, email addresses and domains values of their kind', () => {
    const values = requiredUdfValues(
      udfs({ name: 'DB_PASSWORD', label: 'p' }, { name: 'ADMIN_EMAIL', label: 'e' }, { name: 'APP_DOMAIN', label: 'd' }),
    );
    assert.match(values.udf_DB_PASSWORD, /^\S{20,}$/);
    assert.match(values.udf_ADMIN_EMAIL, /^[^@\s]+@[^@\s]+$/);
    assert.match(values.udf_APP_DOMAIN, /^[a-z0-9.-]+\.[a-z]+$/);
  });

  it('uses a one-word example for other text fields', () => {
    assert.deepEqual(requiredUdfValues(udfs({ name: 'SITE', label: 's', example: 'hello' })), { udf_SITE: 'hello' });
  });
});

describe('finding the way from the configure form to Linode’s authorize page', () => {
  const app = 'http://127.0.0.1:3000/';

  it('follows a redirect straight to Linode’s authorize page', () => {
    assert.deepEqual(nextHop({ status: 302, location: 'http://127.0.0.1:5001/oauth/authorize?client_id=x', url: app }), {
      url: 'http://127.0.0.1:5001/oauth/authorize?client_id=x',
      isAuthorize: true,
    });
  });

  it('takes htmx’s HX-Redirect on a 200', () => {
    const next = nextHop({ status: 200, hxRedirect: 'http://127.0.0.1:5001/oauth/authorize?state=s', url: app });
    assert.equal(next.isAuthorize, true);
  });

  it('goes through the app’s own sign-in start first when the form answers 303', () => {
    assert.deepEqual(nextHop({ status: 303, location: '/auth/linode', url: app }), {
      url: 'http://127.0.0.1:3000/auth/linode',
      isAuthorize: false,
    });
  });

  it('knows the sandbox’s authorize page under its prefix on the app’s own origin', () => {
    const next = nextHop({
      status: 302,
      location: '/__sandbox-login/oauth/authorize?client_id=x',
      url: 'http://127.0.0.1:3000/auth/linode',
    });
    assert.deepEqual(next, { url: 'http://127.0.0.1:3000/__sandbox-login/oauth/authorize?client_id=x', isAuthorize: true });
  });

  it('finds no way on a page that is not a redirect (e.g. the form again, with errors)', () => {
    assert.equal(nextHop({ status: 200, url: app }), null);
    assert.equal(nextHop({ status: 400, location: '/x', url: app }), null);
  });
});
