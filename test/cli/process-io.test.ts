// The locale check that picks ASCII or UTF-8 drawing when --ascii is not given.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { localeIsUtf8 } from '../../src/cli/process-io.js';

test('the locale promises UTF-8 by LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them', () => {
  assert.equal(localeIsUtf8({ LANG: 'en_US.UTF-8' }), true);
  assert.equal(localeIsUtf8({ LANG: 'de_DE.utf8' }), true);
  assert.equal(localeIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }), false, 'LC_ALL wins over LANG');
  assert.equal(localeIsUtf8({ LC_CTYPE: 'C.UTF-8', LANG: 'C' }), true, 'LC_CTYPE wins over LANG');
  assert.equal(localeIsUtf8({ LC_ALL: '', LC_CTYPE: 'POSIX', LANG: 'en_US.UTF-8' }), false, 'an empty LC_ALL is unset');
  assert.equal(localeIsUtf8({}), false);
});
