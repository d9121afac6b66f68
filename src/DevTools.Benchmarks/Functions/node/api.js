// The trivial handler behind an HTTP route: an API Gateway proxy answer.
exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' });
