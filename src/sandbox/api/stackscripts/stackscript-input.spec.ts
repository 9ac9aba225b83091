import { SCRIPT_MAX_CHARS, validateStackScriptInput } from './stackscript-input';

const known = new Set(['linode/debian12', 'linode/ubuntu24.04']);
const imageExists = (id: string) => known.has(id);
const valid = { label: 'my-app', script: '#!/bin/bash\necho hi\n', images: ['linode/debian12'] };

function errorsFor(body: unknown, previous?: Parameters<typeof validateStackScriptInput>[2]) {
  const result = validateStackScriptInput(body, imageExists, previous);
  return result.ok ? [] : result.errors;
}

describe('validateStackScriptInput', () => {
  it('accepts the three required fields and fills the optional ones as Linode does', () => {
    expect(validateStackScriptInput(valid, imageExists)).toEqual({
      ok: true,
      value: { ...valid, is_public: false, description: '', rev_note: '' },
    });
  });

  it('takes is_public, description and rev_note, and any/all as an image', () => {
    const body = { ...valid, images: ['any/all'], is_public: true, description: 'd', rev_note: 'r' };
    expect(validateStackScriptInput(body, imageExists)).toEqual({ ok: true, value: body });
  });

  it('names each missing required field', () => {
    expect(errorsFor({})).toEqual([
      { field: 'label', reason: 'label is required' },
      { field: 'script', reason: 'script is required' },
      { field: 'images', reason: 'images is required' },
    ]);
  });

  it('refuses a script without a shebang', () => {
    expect(errorsFor({ ...valid, script: 'echo hi' })).toEqual([
      { field: 'script', reason: 'Script must begin with a shebang (example: #!/bin/bash)' },
    ]);
  });

  it('refuses a UDF tag with a broken quote', () => {
    expect(errorsFor({ ...valid, script: '#!/bin/sh\n# <UDF name="A label="a">' })).toEqual([
      { field: 'script', reason: 'UDF tag 1 is malformed: every attribute must read name="value"' },
    ]);
  });

  it('refuses a script over the sandbox bound', () => {
    expect(errorsFor({ ...valid, script: `#!/bin/sh\n${'#'.repeat(SCRIPT_MAX_CHARS)}` })).toEqual([
      { field: 'script', reason: 'Must be at most 200,000 characters' },
    ]);
  });

  it('refuses an unknown image, naming it, and an empty or malformed list', () => {
    expect(errorsFor({ ...valid, images: ['linode/debian12', 'linode/nope'] })).toEqual([
      { field: 'images', reason: 'Image not found: linode/nope' },
    ]);
    expect(errorsFor({ ...valid, images: [] })).toEqual([{ field: 'images', reason: 'Must be a non-empty list of image ids' }]);
    expect(errorsFor({ ...valid, images: 'linode/debian12' })).toEqual([
      { field: 'images', reason: 'Must be a non-empty list of image ids' },
    ]);
  });

  it('refuses labels outside 3-128 characters and values of the wrong type', () => {
    expect(errorsFor({ ...valid, label: 'ab' })).toEqual([{ field: 'label', reason: 'Length must be 3-128 characters' }]);
    expect(errorsFor({ ...valid, label: 'a'.repeat(129) })).toEqual([{ field: 'label', reason: 'Length must be 3-128 characters' }]);
    expect(errorsFor({ ...valid, label: 5, is_public: 'yes', description: [] })).toEqual([
      { field: 'label', reason: 'Must be a string' },
      { field: 'is_public', reason: 'Must be true or false' },
      { field: 'description', reason: 'Must be a string' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsFor(['x'])).toEqual([{ reason: 'The request body must be a JSON object' }]);
  });

  describe('an update', () => {
    const previous = { ...valid, is_public: false, description: 'old', rev_note: '' };

    it('keeps what the body leaves out', () => {
      expect(validateStackScriptInput({ description: 'new' }, imageExists, previous)).toEqual({
        ok: true,
        value: { ...previous, description: 'new' },
      });
    });

    it('cannot make a public StackScript private', () => {
      expect(errorsFor({ is_public: false }, { ...previous, is_public: true })).toEqual([
        { field: 'is_public', reason: 'A public StackScript cannot be made private' },
      ]);
    });
  });
});
