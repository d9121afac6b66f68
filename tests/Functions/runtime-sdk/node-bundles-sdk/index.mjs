// Bundles its own @aws-sdk/client-s3 (a stand-in in its node_modules): Lambda resolves the function's own package
// before the runtime's, and so must we.
import { S3Client, whose } from '@aws-sdk/client-s3';

export const handler = async () => ({ whose, client: typeof S3Client });
