import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStackScriptFile, stackScriptFilesFrom, stackScriptFromText } from './stackscript-file';

describe('stackScriptFromText', () => {
  it('labels the StackScript with the file name and lets it run on any image by default', () => {
    expect(stackScriptFromText('/srv/scripts/my-app.sh', '#!/bin/sh\necho hi\n')).toMatchObject({
      label: 'my-app.sh',
      images: ['any/all'],
      script: '#!/bin/sh\necho hi\n',
    });
  });

  it('reads # label: and # images: lines (commas or spaces)', () => {
    const script = '#!/bin/sh\n# label: My App\n# images: linode/debian12, linode/ubuntu24.04 linode/rocky9\n';
    expect(stackScriptFromText('x.sh', script)).toMatchObject({
      label: 'My App',
      images: ['linode/debian12', 'linode/ubuntu24.04', 'linode/rocky9'],
    });
  });
});

describe('readStackScriptFile', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'stackscript-file-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file', () => {
    const path = join(dir, 'hello.sh');
    writeFileSync(path, '#!/bin/sh\n# images: linode/debian12\n');
    expect(readStackScriptFile(path)).toMatchObject({ label: 'hello.sh', images: ['linode/debian12'] });
  });

  it('names a missing file and the reason', () => {
    expect(() => readStackScriptFile(join(dir, 'missing.sh'))).toThrow(`cannot read StackScript file ${join(dir, 'missing.sh')} (ENOENT)`);
  });
});

describe('stackScriptFilesFrom', () => {
  it('splits on commas and drops blanks', () => {
    expect(stackScriptFilesFrom(' a.sh, ,b.sh ')).toEqual(['a.sh', 'b.sh']);
    expect(stackScriptFilesFrom(undefined)).toEqual([]);
  });
});
