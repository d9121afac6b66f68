// A tiny in-memory DynamoDB (PutItem, GetItem, Scan) on loopback, for the runtime SDK sample: the function's
// real @aws-sdk/client-dynamodb talks to it over HTTP. Prints its URL, then serves until killed.
import http from 'node:http';

const tables = new Map();
const table = (name) => tables.get(name) ?? tables.set(name, new Map()).get(name);

const operations = {
  PutItem: ({ TableName, Item }) => (table(TableName).set(JSON.stringify(Item.id), Item), {}),
  GetItem: ({ TableName, Key }) => ({ Item: table(TableName).get(JSON.stringify(Key.id)) }),
  Scan: ({ TableName }) => ({ Items: [...table(TableName).values()], Count: table(TableName).size }),
};

const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const operation = operations[(request.headers['x-amz-target'] ?? '').split('.')[1]];
    response.writeHead(operation ? 200 : 400, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(operation ? operation(JSON.parse(body || '{}')) : { __type: 'UnknownOperationException' }));
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
