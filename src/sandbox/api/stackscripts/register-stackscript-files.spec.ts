import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SANDBOX_DEFAULTS } from '../../sandbox.options';
import { SandboxCatalog } from '../catalog/sandbox-catalog';
import { SandboxEventLog } from '../events/sandbox-event.log';
import { registerStackScriptFiles } from './register-stackscript-files';
import { SandboxStackScriptStore } from './sandbox-stackscript.store';
import { SandboxStackScriptsService } from './sandbox-stackscripts.service';

let dir: string;
let service: SandboxStackScriptsService;

beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'register-stackscripts-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  const store = new SandboxStackScriptStore();
  service = new SandboxStackScriptsService(store, new SandboxCatalog(store), new SandboxEventLog(SANDBOX_DEFAULTS));
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('registerStackScriptFiles', () => {
  it('registers each file as a public StackScript, in order, with new ids', () => {
    const a = file('a.sh', '#!/bin/sh\n# images: linode/debian12\n');
    const b = file('b.sh', '#!/bin/sh\n# label: Bee\n');
    expect(registerStackScriptFiles(service, [a, b])).toEqual([
      { id: 1_200_001, label: 'a.sh', file: a },
      { id: 1_200_002, label: 'Bee', file: b },
    ]);
    expect(service.get(null, 1_200_002)).toMatchObject({ is_public: true, images: ['any/all'], username: 'sandbox' });
  });

  it('stops at a file the API would refuse, naming it and why', () => {
    const bad = file('bad.sh', 'echo no shebang\n');
    expect(() => registerStackScriptFiles(service, [bad])).toThrow(
      `SANDBOX_STACKSCRIPTS: ${bad} was refused: script: Script must begin with a shebang (example: #!/bin/bash)`,
    );
  });

  it('stops at an unknown image or a missing file', () => {
    const unknown = file('unknown.sh', '#!/bin/sh\n# images: linode/beos5\n');
    expect(() => registerStackScriptFiles(service, [unknown])).toThrow('images: Image not found: linode/beos5');
    expect(() => registerStackScriptFiles(service, [join(dir, 'nope.sh')])).toThrow(
      `SANDBOX_STACKSCRIPTS: cannot read StackScript file ${join(dir, 'nope.sh')} (ENOENT)`,
    );
  });
});
