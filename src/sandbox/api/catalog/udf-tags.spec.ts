import { parseUdfTags, udfTagProblems } from './udf-tags';

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

  it('keeps header and required attributes and ignores unknown ones', () => {
    expect(parseUdfTags('<UDF name="H" label="Advanced" header="Yes" default="Yes" required="Yes" colour="red">')).toEqual([
      { name: 'H', label: 'Advanced', header: 'Yes', default: 'Yes', required: 'Yes' },
    ]);
  });

  it('reads capitalised attribute names and self-closing tags, as real StackScripts write them', () => {
    expect(parseUdfTags('# <UDF name="TIER" Label="Tier" default="stable" oneof="stable,beta" />')).toEqual([
      { name: 'TIER', label: 'Tier', default: 'stable', oneof: 'stable,beta' },
    ]);
  });

  it('skips tags without a name or a label', () => {
    expect(parseUdfTags('<UDF label="no name"> <UDF name="NO_LABEL">')).toEqual([]);
  });
});

describe('udfTagProblems', () => {
  it('finds nothing wrong with well-formed tags, closed either way', () => {
    expect(udfTagProblems('#!/bin/sh\n# <UDF name="A" label="a" default="">\n# <UDF name="B" label="b" />')).toEqual([]);
  });

  it('finds nothing in a script without tags', () => {
    expect(udfTagProblems('#!/bin/sh\necho hello')).toEqual([]);
  });

  it.each([
    ['a quote left open', '<UDF name="A label="a">'],
    ['an unquoted value', '<UDF name=A label="a">'],
    ['a stray word', '<UDF name="A" label="a" oops>'],
  ])('reports %s as malformed, by position', (_, tag) => {
    expect(udfTagProblems(`<UDF name="OK" label="ok"> ${tag}`)).toEqual(['UDF tag 2 is malformed: every attribute must read name="value"']);
  });

  it('reports a tag without a name or without a label', () => {
    expect(udfTagProblems('<UDF label="no name"> <UDF name="NO_LABEL">')).toEqual(['UDF tag 1 has no name', 'UDF tag 2 has no label']);
  });
});
