// A small notes API: the same handler behind a REST API (payload 1.0) and an HTTP API (payload 2.0).
// Notes live in the environment's memory, so a warm environment remembers them and a new one starts empty:
// the execution model, seen from curl.
const notes = new Map();
let nextId = 1;

const json = (statusCode, value) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) });

export const handler = async (event) => {
  const method = event.httpMethod ?? event.requestContext.http.method;
  const id = event.pathParameters?.id;
  if (method === 'POST') {
    const note = { id: String(nextId++), text: JSON.parse(event.body ?? '{}').text ?? '', by: event.requestContext.authorizer?.principalId ?? 'anonymous' };
    notes.set(note.id, note);
    return json(201, note);
  }
  if (id) return notes.has(id) ? json(200, notes.get(id)) : json(404, { message: `no note ${id}` });
  return json(200, [...notes.values()]);
};

// The function URL's handler: payload 2.0's shorthand (a plain object becomes a 200 JSON answer).
export const hello = async (event) => ({ hello: event.queryStringParameters?.name ?? 'world', path: event.rawPath });
