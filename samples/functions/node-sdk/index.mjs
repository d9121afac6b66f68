// Node.js with the AWS SDK for JavaScript v3 that Lambda's runtime provides: nothing bundled, no node_modules.
// The SAM quick-start pattern: clients built once at init (outside the handler), reused by every warm invoke.
// TABLE_ENDPOINT points the client at a local DynamoDB (samples/stubs/dynamodb-stub.mjs when run by samples/run.sh).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

// A local endpoint takes any credentials; locally a function gets the host's only when asked (--pass-aws-credentials).
const credentials = process.env.AWS_ACCESS_KEY_ID ? undefined : { accessKeyId: 'local', secretAccessKey: 'local' };
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: process.env.TABLE_ENDPOINT, credentials, maxAttempts: 1 }));
const tableName = process.env.TABLE_NAME;

export const handler = async (event, context) => {
  await client.send(new PutCommand({ TableName: tableName, Item: { id: context.awsRequestId, note: event.note ?? 'hello' } }));
  const { Items } = await client.send(new ScanCommand({ TableName: tableName }));
  return { table: tableName, items: Items.length, latest: event.note ?? 'hello' };
};
