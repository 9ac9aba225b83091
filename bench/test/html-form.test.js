'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { choicesFor, configureForm, decodeEntities, successfulControls } = require('../lib/html-form');

describe('reading a form as a browser would submit it', () => {
  it('sends text and hidden inputs with their values, entities decoded', () => {
    const fields = successfulControls('<input type="hidden" name="_csrf" value="a&amp;b"><input name="label" value="x &quot;y&quot;">');
    assert.deepEqual(fields, { _csrf: 'a&b', label: 'x "y"' });
  });

  it('sends only checked checkboxes and radios, repeating a name for several checked boxes', () => {
    const fields = successfulControls(
      '<input type="radio" name="type" value="g6-nanode-1"><input type="radio" name="type" value="g6-standard-1" checked>' +
        '<input type="checkbox" name="udf_PKG" value="git" checked><input type="checkbox" name="udf_PKG" value="ufw" checked>' +
        '<input type="checkbox" name="udf_PKG" value="htop">',
    );
    assert.deepEqual(fields, { type: 'g6-standard-1', udf_PKG: ['git', 'ufw'] });
  });

  it('sends the selected option of a select, or its first option when none is selected', () => {
    const fields = successfulControls(
      '<select name="region"><option value="us-east">Newark</option><option value="eu-west" selected>London</option></select>' +
        '<select name="image"><option value="linode/debian12">Debian</option><option value="linode/ubuntu24.04">Ubuntu</option></select>',
    );
    assert.deepEqual(fields, { region: 'eu-west', image: 'linode/debian12' });
  });

  it('sends a textarea’s text and leaves out disabled controls and buttons', () => {
    const fields = successfulControls(
      '<textarea name="udf_NOTE">line &lt;1&gt;</textarea><input name="off" value="1" disabled><button type="submit" name="go" value="1">Go</button><input type="submit" name="s" value="x">',
    );
    assert.deepEqual(fields, { udf_NOTE: 'line <1>' });
  });

  it('finds the configure form among the page’s forms', () => {
    const html =
      '<form method="get" action="/search"><input name="q"></form><form id="configure-form" method="post" action="/"><input name="label" value="t"></form>';
    assert.deepEqual(configureForm(html), { action: '/', fields: { label: 't' } });
  });

  it('finds no configure form on a page without one', () => {
    assert.equal(configureForm('<form method="post" action="/"><input name="a" value="1"></form>'), null);
  });

  it('lists the values a field offers, as radios or as select options', () => {
    const html =
      '<input type="radio" name="type" value="a"><input type="radio" name="type" value="b" disabled><select name="region"><option value="r1"></option><option value="r2"></option></select>';
    assert.deepEqual(choicesFor(html, 'type'), ['a']);
    assert.deepEqual(choicesFor(html, 'region'), ['r1', 'r2']);
  });

  it('decodes numeric character references', () => {
    assert.equal(decodeEntities('&#39;&#x27;&#8212;'), "''—");
  });
});
