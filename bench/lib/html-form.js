'use strict';
/**
 * What a browser would submit from a server-rendered form: inputs with their values, checked
 * checkboxes and radios, each select's selected (or first) option, textareas. Enough for our own
 * pages; not a general HTML parser.
 */

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Attributes of one start tag's inner text, e.g. `input type="text" name="a" required`. */
function attributesOf(tag) {
  const attributes = {};
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  // Skip the tag name itself.
  const body = tag.replace(/^<\s*[a-z0-9-]+/i, '').replace(/\/?>$/, '');
  let match;
  while ((match = pattern.exec(body)) !== null) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    attributes[match[1].toLowerCase()] = decodeEntities(value);
  }
  return attributes;
}

/** The HTML of every <form>…</form>, with its attributes. */
function formsIn(html) {
  const forms = [];
  const pattern = /<form\b[^>]*>([\s\S]*?)<\/form>/gi;
  let match;
  while ((match = pattern.exec(html)) !== null) {
    forms.push({ attributes: attributesOf(match[0].slice(0, match[0].indexOf('>') + 1)), html: match[1] });
  }
  return forms;
}

function add(fields, name, value) {
  if (name in fields) fields[name] = [].concat(fields[name], value);
  else fields[name] = value;
}

/** Name → value (or values, for repeated names) that submitting `formHtml` unchanged would send. */
function successfulControls(formHtml) {
  const fields = {};
  const pattern = /<(input|select|textarea)\b[^>]*>/gi;
  let match;
  while ((match = pattern.exec(formHtml)) !== null) {
    const kind = match[1].toLowerCase();
    const attributes = attributesOf(match[0]);
    const name = attributes.name;
    if (!name || 'disabled' in attributes) continue;
    if (kind === 'input') {
      const type = (attributes.type || 'text').toLowerCase();
      if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !('checked' in attributes)) continue;
      add(fields, name, attributes.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
    } else if (kind === 'textarea') {
      const end = formHtml.indexOf('</textarea>', pattern.lastIndex);
      add(fields, name, decodeEntities(formHtml.slice(pattern.lastIndex, end === -1 ? undefined : end)));
    } else {
      const end = formHtml.indexOf('</select>', pattern.lastIndex);
      const options = [...formHtml.slice(pattern.lastIndex, end === -1 ? undefined : end).matchAll(/<option\b([^>]*)>([^<]*)/gi)]
        .map((option) => ({ attributes: attributesOf(`<option ${option[1]}>`), text: option[2] }))
        .filter((option) => !('disabled' in option.attributes));
      const value = (option) => option.attributes.value ?? decodeEntities(option.text.trim());
      const selected = options.filter((option) => 'selected' in option.attributes);
      if (selected.length > 0) for (const option of selected) add(fields, name, value(option));
      else if (options.length > 0 && !('multiple' in attributes)) add(fields, name, value(options[0]));
    }
  }
  return fields;
}

/** The values a field offers, whether drawn as a select or as radio buttons (e.g. plans, regions). */
function choicesFor(html, name) {
  const values = [];
  for (const match of html.matchAll(/<input\b[^>]*>/gi)) {
    const attributes = attributesOf(match[0]);
    if (attributes.name === name && (attributes.type || '').toLowerCase() === 'radio' && !('disabled' in attributes)) {
      values.push(attributes.value);
    }
  }
  for (const select of html.matchAll(/<select\b[^>]*>/gi)) {
    if (attributesOf(select[0]).name !== name) continue;
    const end = html.indexOf('</select>', select.index);
    for (const option of html.slice(select.index, end === -1 ? undefined : end).matchAll(/<option\b[^>]*>/gi)) {
      const attributes = attributesOf(option[0]);
      if (attributes.value && !('disabled' in attributes)) values.push(attributes.value);
    }
  }
  return values;
}

/** The configure form (`<form id="configure-form" method="post">`), with its successful controls. */
function configureForm(html) {
  for (const form of formsIn(html)) {
    if ((form.attributes.method || '').toLowerCase() !== 'post' || form.attributes.id !== 'configure-form') continue;
    return { action: form.attributes.action || '', fields: successfulControls(form.html) };
  }
  return null;
}

module.exports = { attributesOf, choicesFor, configureForm, decodeEntities, formsIn, successfulControls };
