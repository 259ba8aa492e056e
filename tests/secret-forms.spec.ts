// src/engine/secret-forms.ts: every form a target may echo a secret back in.
// One secret with a slash, a space, control characters, a non-ASCII letter, a
// character beyond the BMP, `~` and `?`: each encoder treats some of them apart.
import { test, expect } from '@playwright/test';
import { secretForms } from '../src/engine/secret-forms';

test('as sent, percent-encoded three ways in either hex case, JSON-escaped eight ways, base64 three ways', () => {
  expect(secretForms('a/b c\u0001\u001fé😀~~?').sort()).toEqual(
    [
      'a/b c\u0001\u001fé😀~~?',
      // encodeURIComponent, encodeURI (keeps / and ?), a form (+ for space, ~ encoded); upper and lower hex
      'a%2Fb%20c%01%1F%C3%A9%F0%9F%98%80~~%3F',
      'a%2fb%20c%01%1f%c3%a9%f0%9f%98%80~~%3f',
      'a/b%20c%01%1F%C3%A9%F0%9F%98%80~~?',
      'a/b%20c%01%1f%c3%a9%f0%9f%98%80~~?',
      'a%2Fb+c%01%1F%C3%A9%F0%9F%98%80%7E%7E%3F',
      'a%2fb+c%01%1f%c3%a9%f0%9f%98%80%7e%7e%3f',
      // JSON: / as is or \/; short forms (JSON.stringify) or \u for all but printable ASCII; either hex case
      'a/b c\\u0001\\u001fé😀~~?',
      'a/b c\\u0001\\u001Fé😀~~?',
      'a/b c\\u0001\\u001f\\u00e9\\ud83d\\ude00~~?',
      'a/b c\\u0001\\u001F\\u00E9\\uD83D\\uDE00~~?',
      'a\\/b c\\u0001\\u001fé😀~~?',
      'a\\/b c\\u0001\\u001Fé😀~~?',
      'a\\/b c\\u0001\\u001f\\u00e9\\ud83d\\ude00~~?',
      'a\\/b c\\u0001\\u001F\\u00E9\\uD83D\\uDE00~~?',
      // base64: padded, bare, URL-safe
      'YS9iIGMBH8Op8J+YgH5+Pw==',
      'YS9iIGMBH8Op8J+YgH5+Pw',
      'YS9iIGMBH8Op8J-YgH5-Pw',
    ].sort(),
  );
});

test('a plain secret has few forms: the ones that differ', () => {
  expect(secretForms('token1234').sort()).toEqual(['dG9rZW4xMjM0', 'token1234'].sort());
  // DEL is no printable ASCII: \u007f in the ensure_ascii form.
  expect(secretForms('ab\u007f')).toContain('ab\\u007f');
  expect(secretForms('ab\u007f')).toContain('ab\\u007F');
});
