import { profileSchema, strictSchema } from '../../contract/linode.contract';
import { sandboxProfile } from './sandbox-profile';

describe('sandboxProfile', () => {
  it('has exactly Linode’s profile shape', () => {
    expect(() => strictSchema(profileSchema).parse(sandboxProfile('alice'))).not.toThrow();
  });

  it('gives each username a stable uid of its own', () => {
    expect(sandboxProfile('alice').uid).toBe(sandboxProfile('alice').uid);
    expect(sandboxProfile('alice').uid).not.toBe(sandboxProfile('bob').uid);
  });

  it('derives a safe email address from the username', () => {
    expect(sandboxProfile('sandbox-user').email).toBe('sandbox-user@example.com');
    expect(sandboxProfile('a b<c>').email).toBe('a_b_c_@example.com');
  });
});
