import { PageTemplate } from './page-template';

describe('PageTemplate', () => {
  it('puts the value in every slot, as UTF-8, with the text around it unchanged', () => {
    const page = new PageTemplate('<p>Don’t — ‹PH›</p><input value="PH"><meta content="PH">', 'PH');
    expect(page.fill('tok_1-A').toString('utf8')).toBe('<p>Don’t — ‹tok_1-A›</p><input value="tok_1-A"><meta content="tok_1-A">');
  });

  it('gives each answer its own value', () => {
    const page = new PageTemplate('a PH b', 'PH');
    expect(page.fill('one').toString()).toBe('a one b');
    expect(page.fill('two').toString()).toBe('a two b');
  });

  it('serves a page without a slot as is, and an empty value leaves the slot empty', () => {
    expect(new PageTemplate('no slot here', 'PH').fill('x').toString()).toBe('no slot here');
    expect(new PageTemplate('[PH]', 'PH').fill('').toString()).toBe('[]');
  });

  it('counts its bytes (UTF-8), without the slots', () => {
    expect(new PageTemplate('é PH é', 'PH').size).toBe(6);
  });

  it('gives the same page as pieces to write, sharing the cached parts and counting the bytes', () => {
    const page = new PageTemplate('<p>Don’t PH</p><input value="PH">', 'PH');
    const { chunks, byteLength } = page.pieces('tok');
    expect(Buffer.concat(chunks)).toEqual(page.fill('tok'));
    expect(byteLength).toBe(page.fill('tok').length);
    expect(page.pieces('other').chunks[0]).toBe(chunks[0]); // the same Buffer, not a copy
  });
});
