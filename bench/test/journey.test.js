'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { requiredUdfValues } = require('../lib/journey');

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
