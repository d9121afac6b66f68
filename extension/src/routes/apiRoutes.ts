// The template's HTTP routes (`lambda/api/routes`) as the API Routes view shows them, and their URLs: the variables to
// fill before one opens, and the URL with their values in place.
import type { ApiRouteDescription, ApiRoutesResult } from '../backend/protocol.generated';

/** Where to point a user whose backend does not serve the routes. */
export const notServedHint = 'set devtools.apiPort (0: any free port) and restart the backend';

const kindNames: Record<string, string> = { REST: 'REST API', HTTP: 'HTTP API', URL: 'function URL' };

/** "GET /items/{id} → RestFunction". */
export function routeLabel(route: ApiRouteDescription): string {
  return `${route.method} ${route.path} → ${route.functionId}`;
}

/** "REST · payload 1.0", "URL · payload 2.0 · not served". */
export function routeDescription(route: ApiRouteDescription): string {
  return [route.kind, `payload ${route.payloadFormatVersion}`, ...(route.url ? [] : ['not served'])].join(' · ');
}

/** The tooltip's lines (Markdown): the route, its API, and its URL or why it has none. */
export function routeTooltip(route: ApiRouteDescription): string {
  const api = route.kind === 'URL' ? `${route.functionId}'s function URL` : `${route.api} (${kindNames[route.kind] ?? route.kind})`;
  return [
    `**${route.method} ${route.path}** → ${route.functionId}`,
    '',
    `${api}, payload format ${route.payloadFormatVersion}, route key \`${route.routeKey}\``,
    '',
    route.url ? `URL: ${route.url}` : `Not served: ${notServedHint}.`,
  ].join('\n');
}

/** The message above the routes, if any: none listed, or listed but not served. */
export function routesMessage(result: ApiRoutesResult): string | undefined {
  if (result.routes.length === 0) return 'The template has no API routes or function URLs (Api and HttpApi events, FunctionUrlConfig).';
  return result.serving ? undefined : `These routes are not served: ${notServedHint}.`;
}

/** A browser sends GET: only GET and ANY routes open in one. */
export function opensInBrowser(route: ApiRouteDescription): boolean {
  return route.method === 'GET' || route.method === 'ANY';
}

/** What Copy URL copies: the URL as served (`{variables}` left in), without a catch-all route's `*`. */
export function copyableUrl(route: ApiRouteDescription): string | undefined {
  return route.url?.replace(/\*$/, '');
}

/** A part of a route's URL to fill: `{id}` (one segment), `{proxy+}` (one or more) or the path under a catch-all route. */
export interface RouteVariable {
  /** `id`, `proxy`; `*` for the path under a `$default` route or a function URL. */
  name: string;
  /** Takes several segments (`a/b/c`). */
  greedy: boolean;
}

const variablePattern = /\{([^{}+]+)(\+?)\}|\*$/g;

/** The URL with a catch-all route's path as a trailing `*` (a function URL is listed as its bare address). */
function template(route: ApiRouteDescription): string {
  const url = route.url ?? '';
  if (route.path !== '/*' || url.endsWith('*')) return url;
  return `${url.endsWith('/') ? url : `${url}/`}*`;
}

/** The variables to ask for before the route's URL can be opened, in URL order. */
export function routeVariables(route: ApiRouteDescription): RouteVariable[] {
  return [...template(route).matchAll(variablePattern)].map(m => (m[0] === '*' ? { name: '*', greedy: true } : { name: m[1], greedy: m[2] === '+' }));
}

/** Why a value cannot fill the variable (API Gateway gives a path variable one segment at least); undefined when it can. */
export function invalidValue(variable: RouteVariable, value: string): string | undefined {
  if (variable.name === '*') return undefined;
  const segments = value.split('/').filter(s => s !== '');
  if (segments.length === 0) return `{${variable.name}${variable.greedy ? '+' : ''}} needs a value.`;
  if (!variable.greedy && value.includes('/')) return `{${variable.name}} is one path segment: no "/" (the route would not take it).`;
  return undefined;
}

/**
 * The route's URL with the values in place (as many as `routeVariables`), percent-encoded as API Gateway decodes them:
 * `{id}` one segment, `{proxy+}` segment by segment, and the catch-all's path segment by segment with its query as typed.
 */
export function fillRouteUrl(route: ApiRouteDescription, values: string[]): string {
  let index = 0;
  return template(route).replace(variablePattern, (match, _name, plus) => {
    const value = values[index++] ?? '';
    if (match === '*') {
      const query = value.indexOf('?');
      const path = query < 0 ? value : value.slice(0, query);
      return encodeSegments(path) + (query < 0 ? '' : `?${encodeURI(value.slice(query + 1))}`);
    }
    return plus ? encodeSegments(value) : encodeURIComponent(value);
  });
}

function encodeSegments(path: string): string {
  return path.split('/').filter(s => s !== '').map(encodeURIComponent).join('/');
}
