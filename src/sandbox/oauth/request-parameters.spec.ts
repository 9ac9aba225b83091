import { parameterSource, readParameter, readParameterList } from './request-parameters';

describe('request parameters', () => {
  it('reads a single string', () => {
    expect(readParameter({ state: 'abc' }, 'state')).toEqual({ kind: 'value', value: 'abc' });
  });

  it('keeps an empty string as a value', () => {
    expect(readParameter({ state: '' }, 'state')).toEqual({ kind: 'value', value: '' });
  });

  it('reports a missing parameter as absent', () => {
    expect(readParameter({}, 'state')).toEqual({ kind: 'absent' });
  });

  it('reports a repeated parameter as malformed', () => {
    expect(readParameter({ state: ['a', 'b'] }, 'state')).toEqual({ kind: 'malformed' });
  });

  it('reports a non-string JSON value as malformed', () => {
    expect(readParameter({ client_id: 42 }, 'client_id')).toEqual({ kind: 'malformed' });
  });

  it('does not read inherited properties', () => {
    expect(readParameter({}, 'toString')).toEqual({ kind: 'absent' });
  });

  it('treats a missing or non-object body as empty', () => {
    expect(parameterSource(undefined)).toEqual({});
    expect(parameterSource(['a'])).toEqual({});
    expect(parameterSource('client_id=x')).toEqual({});
  });

  it('reads a field sent once or several times as a list', () => {
    expect(readParameterList({ scopes: 'a' }, 'scopes')).toEqual(['a']);
    expect(readParameterList({ scopes: ['a', 'b'] }, 'scopes')).toEqual(['a', 'b']);
    expect(readParameterList({}, 'scopes')).toEqual([]);
  });

  it('rejects a list with a non-string entry', () => {
    expect(readParameterList({ scopes: ['a', { b: 1 }] }, 'scopes')).toBeNull();
  });
});
