// One handler behind every route of the API test template: the query's `mode` says what to answer, so each test
// asks for the response shape it checks (the event always comes back, for the event-shape tests).
exports.handler = async (event) => {
  const query = event.queryStringParameters ?? {};
  const mode = query.mode ?? 'echo';
  switch (mode) {
    case 'echo':
      return { statusCode: 200, headers: { 'content-type': 'application/json', 'x-mode': 'echo' }, body: JSON.stringify(event) };
    case 'multi':
      return { statusCode: 201, headers: { 'x-one': 'a' }, multiValueHeaders: { 'x-many': ['1', '2'], 'Set-Cookie': ['a=1', 'b=2'] }, body: 'made' };
    case 'cookies':
      return { statusCode: 200, cookies: ['a=1; Path=/', 'b=2'], body: 'with cookies' };
    case 'binary':
      return { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]).toString('base64'), isBase64Encoded: true };
    case 'shorthand':
      return { hello: 'world' };
    case 'string':
      return 'just text';
    case 'malformed':
      return { statusCode: 200, body: { not: 'a string' } };
    case 'extra':
      return { statusCode: 200, body: 'ok', unexpected: true };
    case 'error':
      throw new Error('the handler failed');
    case 'sleep':
      await new Promise(resolve => setTimeout(resolve, Number(query.ms ?? 1000)));
      return { statusCode: 200, body: 'slept' };
    default:
      return { statusCode: 400, body: `unknown mode ${mode}` };
  }
};

// A TOKEN or REQUEST authorizer: "allow" lets the request through with a context, "deny" denies it explicitly,
// "unauthorized" fails as API Gateway's 401 convention says, anything else gets a policy that allows nothing.
exports.authorizer = async (event) => {
  const token = event.authorizationToken ?? event.headers?.['x-token'] ?? event.headers?.['X-Token'] ?? event.identitySource?.[0];
  if (token === 'unauthorized') throw new Error('Unauthorized');
  if (event.version === '2.0' && event.type === 'REQUEST' && !event.methodArn) return { isAuthorized: token === 'allow', context: { user: 'alice', level: 3 } };
  const resource = event.methodArn ?? event.routeArn;
  const effect = token === 'allow' ? 'Allow' : token === 'deny' ? 'Deny' : 'Allow';
  const scope = token === 'allow' || token === 'deny' ? resource : 'arn:aws:execute-api:*:*:nothing/*';
  return {
    principalId: 'alice',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: scope }] },
    context: { user: 'alice', level: 3, admin: false },
  };
};
