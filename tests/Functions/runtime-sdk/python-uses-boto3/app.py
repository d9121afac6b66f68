# Uses boto3 as Lambda's Python runtimes provide it (nothing bundled).
import boto3

s3 = boto3.client("s3", endpoint_url="http://127.0.0.1:9", region_name="us-east-1",
                  aws_access_key_id="test", aws_secret_access_key="test")


def handler(event, context):
    return {"boto3": boto3.__version__, "from": boto3.__file__, "endpoint": s3.meta.endpoint_url,
            "operations": len(s3.meta.service_model.operation_names)}
