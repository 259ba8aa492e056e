// src/scenario/checks.ts: one check per YAML key that asks for one, in a fixed
// order (status, headers, location, body), each named by its key path.
import { test, expect } from '@playwright/test';
import { checkId, checksOf } from '../src/scenario/checks';
import { dotted } from '../src/scenario/problems';

test('every key of an expectation is one check, in order, at its key path', () => {
  const checks = checksOf(
    {
      status: [200, 201],
      headers: {
        present: ['ETag', 'Date'],
        absent: ['Server'],
        match: { Allow: 'GET' },
        notMatch: { 'X-Powered-By': '.' },
      },
      location: { scheme: 'https', path: '/p', query: 'q=1' },
      body: {
        notMatch: 'trace',
        schema: 'error-v3',
        statusMatches: true,
        alsoAccept: ['empty'],
        equals: { '/data/id': 7, '/a b': 'x' },
      },
    },
    ['verify', 2, 'expect'],
  );
  const base = ['verify', 2, 'expect'];
  expect(checks).toEqual([
    { kind: 'status', path: [...base, 'status'], expected: [200, 201] },
    { kind: 'header', op: 'present', name: 'ETag', path: [...base, 'headers', 'present', 0] },
    { kind: 'header', op: 'present', name: 'Date', path: [...base, 'headers', 'present', 1] },
    { kind: 'header', op: 'absent', name: 'Server', path: [...base, 'headers', 'absent', 0] },
    { kind: 'header', op: 'match', name: 'Allow', pattern: 'GET', path: [...base, 'headers', 'match', 'Allow'] },
    {
      kind: 'header',
      op: 'notMatch',
      name: 'X-Powered-By',
      pattern: '.',
      path: [...base, 'headers', 'notMatch', 'X-Powered-By'],
    },
    { kind: 'location', part: 'scheme', value: 'https', path: [...base, 'location', 'scheme'] },
    { kind: 'location', part: 'path', value: '/p', path: [...base, 'location', 'path'] },
    { kind: 'location', part: 'query', value: 'q=1', path: [...base, 'location', 'query'] },
    { kind: 'body', op: 'notMatch', pattern: 'trace', path: [...base, 'body', 'notMatch'] },
    { kind: 'schema', schema: 'error-v3', accept: ['empty'], path: [...base, 'body', 'schema'] },
    { kind: 'bodyStatus', accept: ['empty'], path: [...base, 'body', 'statusMatches'] },
    {
      kind: 'body',
      op: 'equals',
      pointer: '/data/id',
      value: 7,
      accept: ['empty'],
      path: [...base, 'body', 'equals', '/data/id'],
    },
    {
      kind: 'body',
      op: 'equals',
      pointer: '/a b',
      value: 'x',
      accept: ['empty'],
      path: [...base, 'body', 'equals', '/a b'],
    },
  ]);
  expect(checks.map(checkId)).toEqual([
    'verify[2].expect.status',
    'verify[2].expect.headers.present[0]',
    'verify[2].expect.headers.present[1]',
    'verify[2].expect.headers.absent[0]',
    'verify[2].expect.headers.match.Allow',
    'verify[2].expect.headers.notMatch["X-Powered-By"]',
    'verify[2].expect.location.scheme',
    'verify[2].expect.location.path',
    'verify[2].expect.location.query',
    'verify[2].expect.body.notMatch',
    'verify[2].expect.body.schema',
    'verify[2].expect.body.statusMatches',
    'verify[2].expect.body.equals["/data/id"]',
    'verify[2].expect.body.equals["/a b"]',
  ]);
});

test('a Location string, an empty body, statusMatches false, a template alsoAccept and no status', () => {
  expect(checksOf({ location: '/x', body: 'empty' }, ['expect'])).toEqual([
    { kind: 'location', part: 'url', value: '/x', path: ['expect', 'location'] },
    { kind: 'body', op: 'empty', path: ['expect', 'body'] },
  ]);
  expect(checksOf({ location: { hostOf: 'https://h' } }, [])).toEqual([
    { kind: 'location', part: 'hostOf', value: 'https://h', path: ['location', 'hostOf'] },
  ]);
  expect(
    checksOf({ body: { statusMatches: false, schema: { type: 'object' }, alsoAccept: '${family.x}' } }, []),
  ).toEqual([{ kind: 'schema', schema: { type: 'object' }, accept: [], path: ['body', 'schema'] }]);
  expect(checksOf({ headers: {}, body: {} }, [])).toEqual([]);
  expect(checksOf({ status: '2xx' }, [])).toEqual([{ kind: 'status', path: ['status'], expected: '2xx' }]);
});

test('key paths read as written: dots for names, brackets for indexes and other keys', () => {
  expect(dotted([])).toBe('');
  expect(dotted(['a', 0, 'b_c', '$d', 'e-f', '9x', 'g'])).toBe('a[0].b_c.$d["e-f"]["9x"].g');
  expect(dotted([1, 'x'])).toBe('[1].x');
});
