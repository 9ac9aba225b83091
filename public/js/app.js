/*
 * Progressive enhancement for the configure page. Everything works without this file; it only
 * adds conveniences. Loaded as an external, deferred script (the CSP allows no inline code).
 */
(function () {
  'use strict';

  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');

  // Characters that survive shells, URLs and config files unquoted; 24 of them give ~140 bits.
  var LOWER = 'abcdefghijkmnopqrstuvwxyz';
  var UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  var DIGITS = '23456789';
  var SYMBOLS = '-_.';
  var ALL = LOWER + UPPER + DIGITS + SYMBOLS;

  /** A uniformly random index below `size`, without modulo bias. */
  function randomIndex(size) {
    var limit = Math.floor(4294967296 / size) * size;
    var buffer = new Uint32Array(1);
    do {
      window.crypto.getRandomValues(buffer);
    } while (buffer[0] >= limit);
    return buffer[0] % size;
  }

  function pick(alphabet) {
    return alphabet.charAt(randomIndex(alphabet.length));
  }

  /** At least one character of each kind, so common password rules are met too. */
  function generatePassword(length) {
    var chars = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
    while (chars.length < length) chars.push(pick(ALL));
    for (var i = chars.length - 1; i > 0; i--) {
      var j = randomIndex(i + 1);
      var swap = chars[i];
      chars[i] = chars[j];
      chars[j] = swap;
    }
    return chars.join('');
  }

  function setShown(input, toggle, shown) {
    input.type = shown ? 'text' : 'password';
    if (toggle) {
      toggle.setAttribute('aria-pressed', shown ? 'true' : 'false');
      toggle.textContent = shown ? 'Hide' : 'Show';
    }
  }

  function toggleFor(id) {
    return document.querySelector('[data-password-toggle="' + CSS.escape(id) + '"]');
  }

  /** Reveal the controls that only work with JavaScript. */
  function enhance(scope) {
    var buttons = scope.querySelectorAll('[data-password-generate], [data-password-toggle]');
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;

    var generate = target.closest('[data-password-generate]');
    if (generate) {
      var id = generate.getAttribute('data-password-generate');
      var input = document.getElementById(id);
      if (!input) return;
      input.value = generatePassword(24);
      setShown(input, toggleFor(id), true); // a generated password is useless unless it can be copied
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.focus();
      input.select();
      return;
    }

    var toggle = target.closest('[data-password-toggle]');
    if (toggle) {
      var field = document.getElementById(toggle.getAttribute('data-password-toggle'));
      if (field) setShown(field, toggle, field.type === 'password');
    }
  });

  // Inline validation swaps a message into a field's error element: mirror it in the ARIA state.
  document.addEventListener('htmx:afterSwap', function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.classList || !target.classList.contains('field-error')) return;
    var message = target.textContent.trim();
    if (!message) target.textContent = ''; // keep it :empty so it takes no space
    var input = document.querySelector('[aria-describedby~="' + CSS.escape(target.id) + '"]');
    if (input) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    var wrapper = target.closest('.field');
    if (wrapper) wrapper.classList.toggle('field-invalid', Boolean(message));
  });

  // When the network fails, say so instead of doing nothing.
  document.addEventListener('htmx:sendError', function () {
    var flash = document.getElementById('flash');
    if (flash) {
      flash.innerHTML = '';
      var note = document.createElement('div');
      note.className = 'flash flash-error';
      note.setAttribute('role', 'alert');
      note.textContent = 'The server could not be reached. Check your connection and try again.';
      flash.appendChild(note);
    }
  });

  enhance(document);
})();
