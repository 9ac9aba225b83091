import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaticAssets } from './static-assets';

describe('StaticAssets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'assets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('puts a hash of the content in the URL: same content, same URL; changed content, new URL', () => {
    writeFileSync(join(dir, 'a.css'), 'body{}');
    writeFileSync(join(dir, 'b.css'), 'body{}');
    const first = new StaticAssets({ 'css/a.css': join(dir, 'a.css'), 'css/b.css': join(dir, 'b.css') });
    expect(first.url('css/a.css')).toMatch(/^\/assets\/[A-Za-z0-9_-]{12}\/css\/a\.css$/);
    expect(first.url('css/a.css').split('/')[2]).toBe(first.url('css/b.css').split('/')[2]);
    writeFileSync(join(dir, 'a.css'), 'body{color:red}');
    const second = new StaticAssets({ 'css/a.css': join(dir, 'a.css') });
    expect(second.url('css/a.css')).not.toBe(first.url('css/a.css'));
  });

  it('refuses an unknown name', () => {
    expect(() => new StaticAssets({}).url('css/nope.css')).toThrow('unknown static asset "css/nope.css"');
  });
});
