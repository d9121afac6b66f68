// Uses the AWS SDK for JavaScript v3 as Lambda's Node.js runtimes provide it (nothing bundled): clients built at
// init, then real calls against a DynamoDB stub this function serves itself on loopback (so the SDK is whole:
// signing, serialisation, HTTP, unmarshalling).
import http from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

const stub = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const target = request.headers['x-amz-target'] ?? '';
    const answer = target.endsWith('.ListTables')
      ? { TableNames: ['items'] }
      : { Item: { id: { S: JSON.parse(body).Key.id.S }, signed: { BOOL: /^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? '') } } };
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(answer));
  });
});
await new Promise((resolve) => stub.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${stub.address().port}`;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
const documents = DynamoDBDocumentClient.from(dynamodb);
const s3 = new S3Client({ region: 'us-east-1', credentials });

export const handler = async (event) => {
  const tables = await dynamodb.send(new ListTablesCommand({}));
  const item = await documents.send(new GetCommand({ TableName: 'items', Key: { id: event.id ?? 'a' } }));
  return { tables: tables.TableNames, item: item.Item, s3Region: await s3.config.region() };
};
