import { censorLogObject, censoredErr, censorSecrets } from './log-censor';

describe('censorSecrets', () => {
  it('censors secret-named keys at the top and nested in objects and arrays', () => {
    expect(
      censorSecrets({
        code: 'c',
        label: 'keep',
        tokenResponse: { access_token: 'a', token_type: 'bearer' },
        upstream: { headers: { authorization: 'Bearer x', 'set-cookie': ['s'], accept: 'json' } },
        list: [{ password: 'p', name: 'n' }],
      }),
    ).toEqual({
      code: '[Redacted]',
      label: 'keep',
      tokenResponse: { access_token: '[Redacted]', token_type: 'bearer' },
      upstream: { headers: { authorization: '[Redacted]', 'set-cookie': '[Redacted]', accept: 'json' } },
      list: [{ password: '[Redacted]', name: 'n' }],
    });
  });

  it('reaches four levels deep, as the redaction paths did', () => {
    expect(censorSecrets({ a: { b: { c: { token: 't' } } } })).toEqual({ a: { b: { c: { token: '[Redacted]' } } } });
    expect(censorSecrets({ a: { b: { c: { d: { token: 't' } } } } })).toEqual({ a: { b: { c: { d: { token: 't' } } } } });
  });

  it('never changes what it was given, and returns an untouched object as is', () => {
    const given = { body: { password: 'p' }, other: { x: 1 } };
    const censored = censorSecrets(given);
    expect(given.body.password).toBe('p');
    expect(censored.other).toBe(given.other);
    const clean = { a: { b: 1 } };
    expect(censorSecrets(clean)).toBe(clean);
  });

  it('serializes a nested Error and censors its own properties', () => {
    const error = Object.assign(new Error('upstream failed'), { config: { headers: { authorization: 'Bearer x' } } });
    const censored = censorSecrets({ cause: error });
    expect(censored.cause).toMatchObject({
      type: 'Error',
      message: 'upstream failed',
      config: { headers: { authorization: '[Redacted]' } },
    });
  });

  it('leaves class instances (requests, responses) to the serializers', () => {
    class Thing {
      token = 't';
    }
    const thing = new Thing();
    expect(censorSecrets({ thing }).thing).toBe(thing);
  });
});

describe('censorLogObject and censoredErr', () => {
  it('leaves the err field for the err serializer, which censors it', () => {
    const err = Object.assign(new Error('boom'), { token: 't' });
    const fields = censorLogObject({ err, code: 'c' });
    expect(fields.err).toBe(err);
    expect(fields.code).toBe('[Redacted]');
    expect(censoredErr(err)).toMatchObject({ type: 'Error', message: 'boom', token: '[Redacted]' });
  });
});
