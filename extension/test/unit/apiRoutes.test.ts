import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ApiRouteDescription } from '../../src/backend/protocol.generated';
import {
  copyableUrl, fillRouteUrl, invalidValue, opensInBrowser, routeDescription, routeLabel, routesMessage, routeTooltip, routeVariables,
} from '../../src/routes/apiRoutes';

// Routes as `lambda/api/routes` lists tests/Functions/api/template.yaml on a backend started with --api-port 0.
const route = (overrides: Partial<ApiRouteDescription>): ApiRouteDescription => ({
  method: 'GET', path: '/items/{id}', url: 'http://127.0.0.1:40123/items/{id}', functionId: 'RestFunction', api: 'RestApi', kind: 'REST',
  payloadFormatVersion: '1.0', routeKey: 'GET /items/{id}', ...overrides,
});
const item = route({});
const greedy = route({ method: 'ANY', path: '/files/{proxy+}', url: 'http://127.0.0.1:40123/files/{proxy+}', routeKey: 'ANY /files/{proxy+}' });
const post = route({ method: 'POST', path: '/items', url: 'http://127.0.0.1:40123/items', routeKey: 'POST /items' });
const fallback = route({ method: 'ANY', path: '/*', url: 'http://127.0.0.1:40123/*', functionId: 'HttpFunction', api: 'HttpApi', kind: 'HTTP', payloadFormatVersion: '2.0', routeKey: '$default' });
const functionUrl = route({ method: 'ANY', path: '/*', url: 'http://127.0.0.1:40124/', functionId: 'HttpFunction', api: 'HttpFunctionUrl', kind: 'URL', payloadFormatVersion: '2.0', routeKey: '$default' });
const notServed = route({ url: undefined });

test('an item per route: method, path and function; kind and payload version beside it', () => {
  assert.equal(routeLabel(item), 'GET /items/{id} → RestFunction');
  assert.equal(routeDescription(item), 'REST · payload 1.0');
  assert.equal(routeLabel(functionUrl), 'ANY /* → HttpFunction');
  assert.equal(routeDescription(functionUrl), 'URL · payload 2.0');
  assert.equal(routeDescription(notServed), 'REST · payload 1.0 · not served');
});

test('the tooltip gives the API, the route key and the URL, or how to get the route served', () => {
  assert.match(routeTooltip(item), /RestApi \(REST API\), payload format 1\.0, route key `GET \/items\/\{id\}`/);
  assert.match(routeTooltip(item), /URL: http:\/\/127\.0\.0\.1:40123\/items\/\{id\}$/);
  assert.match(routeTooltip(functionUrl), /HttpFunction's function URL/);
  assert.match(routeTooltip(notServed), /Not served: set devtools\.apiPort \(0: any free port\) and restart the backend\.$/);
});

test('the message above the view: no routes, or routes the backend does not serve; none when they are served', () => {
  assert.equal(routesMessage({ serving: true, routes: [item] }), undefined);
  assert.match(routesMessage({ serving: false, routes: [notServed] })!, /not served: set devtools\.apiPort/);
  assert.match(routesMessage({ serving: true, routes: [] })!, /no API routes or function URLs/);
});

test('a browser sends GET: GET and ANY routes open in one, others only copy', () => {
  assert.deepEqual([item, greedy, post, fallback, functionUrl].map(opensInBrowser), [true, true, false, true, true]);
});

test('Copy URL copies the URL as served, without a catch-all route\'s *; nothing when not served', () => {
  assert.equal(copyableUrl(item), 'http://127.0.0.1:40123/items/{id}');
  assert.equal(copyableUrl(fallback), 'http://127.0.0.1:40123/');
  assert.equal(copyableUrl(functionUrl), 'http://127.0.0.1:40124/');
  assert.equal(copyableUrl(notServed), undefined);
});

test('the variables to fill: {id}, {proxy+}, the path under a $default route or a function URL; none for a literal path', () => {
  assert.deepEqual(routeVariables(item), [{ name: 'id', greedy: false }]);
  assert.deepEqual(routeVariables(greedy), [{ name: 'proxy', greedy: true }]);
  assert.deepEqual(routeVariables(fallback), [{ name: '*', greedy: true }]);
  assert.deepEqual(routeVariables(functionUrl), [{ name: '*', greedy: true }]);
  assert.deepEqual(routeVariables(post), []);
  const two = route({ path: '/users/{user}/posts/{post}', url: 'http://127.0.0.1:1/users/{user}/posts/{post}' });
  assert.deepEqual(routeVariables(two).map(v => v.name), ['user', 'post']);
});

test('values are encoded as API Gateway decodes them: one segment, segments, or a path with its query', () => {
  assert.equal(fillRouteUrl(item, ['a b&c']), 'http://127.0.0.1:40123/items/a%20b%26c');
  assert.equal(fillRouteUrl(greedy, ['/docs/read me.txt']), 'http://127.0.0.1:40123/files/docs/read%20me.txt');
  assert.equal(fillRouteUrl(fallback, ['v2/things?mode=echo&x=a b']), 'http://127.0.0.1:40123/v2/things?mode=echo&x=a%20b');
  assert.equal(fillRouteUrl(functionUrl, ['']), 'http://127.0.0.1:40124/');
  assert.equal(fillRouteUrl(functionUrl, ['/hello']), 'http://127.0.0.1:40124/hello');
  const two = route({ path: '/users/{user}/posts/{post}', url: 'http://127.0.0.1:1/users/{user}/posts/{post}' });
  assert.equal(fillRouteUrl(two, ['ada', '7']), 'http://127.0.0.1:1/users/ada/posts/7');
  assert.equal(fillRouteUrl(post, []), 'http://127.0.0.1:40123/items');
});

test('a path variable needs a value; {id} takes no "/"; a catch-all takes anything', () => {
  const [id] = routeVariables(item);
  const [proxy] = routeVariables(greedy);
  const [rest] = routeVariables(fallback);
  assert.match(invalidValue(id, '')!, /\{id\} needs a value/);
  assert.match(invalidValue(id, 'a/b')!, /one path segment/);
  assert.equal(invalidValue(id, '5'), undefined);
  assert.match(invalidValue(proxy, '/')!, /\{proxy\+\} needs a value/);
  assert.equal(invalidValue(proxy, 'a/b'), undefined);
  assert.equal(invalidValue(rest, ''), undefined);
});
