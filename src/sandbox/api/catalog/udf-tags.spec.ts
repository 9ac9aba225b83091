import { parseUdfTags } from './udf-tags';

describe('parseUdfTags', () => {
  it('reads every attribute of a tag, keeping the tag order', () => {
    const script = [
      '#!/bin/bash',
      '# <UDF name="APP_DOMAIN" label="Domain" example="example.com">',
      '# <UDF name="WEB" label="Web server" oneof="nginx,apache" default="nginx">',
    ].join('\n');
    expect(parseUdfTags(script)).toEqual([
      { name: 'APP_DOMAIN', label: 'Domain', example: 'example.com' },
      { name: 'WEB', label: 'Web server', oneof: 'nginx,apache', default: 'nginx' },
    ]);
  });

  it('reports oneOf/manyOf attributes under lowercase keys', () => {
    const script = '<UDF name="A" label="a" oneOf="x,y"> <UDF name="B" label="b" manyOf="p,q" default="">';
    expect(parseUdfTags(script)).toEqual([
      { name: 'A', label: 'a', oneof: 'x,y' },
      { name: 'B', label: 'b', manyof: 'p,q', default: '' },
    ]);
  });

  it('keeps a header attribute and ignores unknown ones', () => {
    expect(parseUdfTags('<UDF name="H" label="Advanced" header="Yes" default="Yes" required="Yes">')).toEqual([
      { name: 'H', label: 'Advanced', header: 'Yes', default: 'Yes' },
    ]);
  });

  it('skips tags without a name or a label', () => {
    expect(parseUdfTags('<UDF label="no name"> <UDF name="NO_LABEL">')).toEqual([]);
  });
});
