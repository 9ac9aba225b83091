import hbsModule from 'hbs';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerViewHelpers, registerViewPartials } from './view-registrar';

const hbs = hbsModule.create();
registerViewHelpers(hbs);
const render = (template: string, context: object = {}) => hbs.handlebars.compile(template)(context);

describe('view helpers', () => {
  it('eq compares strictly', () => {
    expect(render('{{#if (eq a "x")}}yes{{else}}no{{/if}}', { a: 'x' })).toBe('yes');
    expect(render('{{#if (eq a 1)}}yes{{else}}no{{/if}}', { a: '1' })).toBe('no');
  });

  it('plural picks the word for the count', () => {
    expect(render('{{plural 1 "vCPU" "vCPUs"}}, {{plural 4 "vCPU" "vCPUs"}}')).toBe('1 vCPU, 4 vCPUs');
  });
});

describe('registerViewPartials', () => {
  it('registers the .hbs files under their file names, hyphens kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partials-'));
    writeFileSync(join(dir, '_price-summary.hbs'), 'price {{x}}');
    writeFileSync(join(dir, '_inner.hbs'), 'inner');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const local = hbsModule.create();
    registerViewPartials(local, dir);
    expect(local.handlebars.compile('{{> _price-summary x=1}} {{> _inner}}')({})).toBe('price 1 inner');
    expect(Object.keys(local.handlebars.partials).sort()).toEqual(['_inner', '_price-summary']);
    rmSync(dir, { recursive: true, force: true });
  });
});
