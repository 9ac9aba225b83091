import { UserFacingError } from '../common/user-facing.error';
import { LinodeApiError, LinodeResponseError, LinodeUnavailableError, type LinodeFieldError } from '../linode/linode-api.error';
import { createFailureToUserError } from './linode-error.messages';

const apiError = (status: number, errors: LinodeFieldError[], retryAfterSeconds: number | null = null) =>
  new LinodeApiError({ method: 'POST', path: '/linode/instances', status, errors, retryAfterSeconds });

const unavailable = (kind: 'timeout' | 'network' | 'circuit_open') =>
  new LinodeUnavailableError({ service: 'Linode API', kind, method: 'POST', path: '/linode/instances', detail: 'timed out' });

describe('createFailureToUserError', () => {
  describe('429 (too many creates)', () => {
    it('says to wait as long as Linode’s Retry-After asks', () => {
      const error = createFailureToUserError(apiError(429, [{ field: null, reason: 'Too many requests' }], 42));
      expect(error).toBeInstanceOf(UserFacingError);
      expect(error).toMatchObject({ status: 429, retryAfterSeconds: 42 });
      expect(error.message).toContain('42 seconds');
      expect(error.message).toContain('Nothing was created');
    });

    it('suggests 30 seconds when Linode did not say how long', () => {
      const error = createFailureToUserError(apiError(429, [{ field: null, reason: 'Too many requests' }]));
      expect(error.retryAfterSeconds).toBe(30);
      expect(error.message).toContain('30 seconds');
    });
  });

  describe('400 (a choice Linode did not accept)', () => {
    it('is a 400 that names the fields in the words of the form', () => {
      const error = createFailureToUserError(
        apiError(400, [
          { field: 'region', reason: 'Region is not available' },
          { field: 'type', reason: 'Not a valid type' },
          { field: 'root_pass', reason: 'Password does not meet strength requirement' },
        ]),
      );
      expect(error.status).toBe(400);
      expect(error.details).toEqual([
        'Region: Region is not available',
        'Plan: Not a valid type',
        'Root password: Password does not meet strength requirement',
      ]);
      expect(error.message).toContain('Nothing was created');
    });

    it.each([
      ['image', 'Image'],
      ['label', 'Server label'],
      ['authorized_keys', 'SSH key'],
      ['stackscript_id', 'Application (StackScript)'],
      ['tags', 'Tags'],
    ])('calls the field %p “%s”', (field, name) => {
      expect(createFailureToUserError(apiError(400, [{ field, reason: 'bad' }])).details).toEqual([`${name}: bad`]);
    });

    it('names the option inside stackscript_data', () => {
      const error = createFailureToUserError(apiError(400, [{ field: 'stackscript_data.APP_DOMAIN', reason: 'required' }]));
      expect(error.details).toEqual(['Application options (APP_DOMAIN): required']);
    });

    it('keeps a field it does not know as Linode named it', () => {
      const error = createFailureToUserError(apiError(400, [{ field: 'placement_group', reason: 'full' }]));
      expect(error.details).toEqual(['placement_group: full']);
    });

    it.each(['constructor', 'toString', '__proto__'])('keeps a field named %p as Linode named it', (field) => {
      expect(createFailureToUserError(apiError(400, [{ field, reason: 'bad' }])).details).toEqual([`${field}: bad`]);
    });

    it('shows a reason without a field on its own', () => {
      const error = createFailureToUserError(apiError(400, [{ field: null, reason: 'Account limit reached' }]));
      expect(error.details).toEqual(['Account limit reached']);
    });

    it.each([404, 409, 422])('treats %i like a 400', (status) => {
      expect(createFailureToUserError(apiError(status, [{ field: null, reason: 'x' }])).status).toBe(400);
    });
  });

  it.each([401, 403])('turns %i into a 403 that says access was refused', (status) => {
    const error = createFailureToUserError(apiError(status, [{ field: null, reason: 'Unauthorized' }]));
    expect(error.status).toBe(403);
    expect(error.title).toMatch(/refused/i);
    expect(error.details).toEqual(['Unauthorized']);
  });

  it.each([500, 502, 503])('turns %i into a 502 saying no server was found under our name', (status) => {
    const error = createFailureToUserError(apiError(status, [{ field: null, reason: 'Internal error' }]));
    expect(error.status).toBe(502);
    expect(error.message).toContain('nothing was created');
    expect(error.details).toEqual(['Internal error']);
  });

  it.each(['timeout', 'network'] as const)('turns an unreachable Linode (%s) into a 503 with a retry hint', (kind) => {
    const error = createFailureToUserError(unavailable(kind));
    expect(error).toMatchObject({ status: 503, retryAfterSeconds: 30 });
    expect(error.details).toEqual([]);
  });

  it('does not show the internal message of an unreachable Linode', () => {
    expect(createFailureToUserError(unavailable('network')).message).not.toContain('timed out');
  });

  it('turns anything else into a 500 that does not repeat its message', () => {
    const error = createFailureToUserError(new Error('database password is hunter2'));
    expect(error.status).toBe(500);
    expect(error.message).not.toContain('hunter2');
    expect(error.details).toEqual([]);
  });

  it('does not repeat the message of an unexpected Linode answer either', () => {
    const error = createFailureToUserError(
      new LinodeResponseError({
        service: 'Linode API',
        method: 'POST',
        path: '/linode/instances',
        status: 200,
        issues: ['id: Invalid input: expected number, received undefined'],
      }),
    );
    expect(error.message).not.toContain('expected number');
  });
});
