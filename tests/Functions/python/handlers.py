"""Test handlers for the bundled Python runtime client."""
import os

init_count = 0
init_count += 1


def echo(event, context):
    return {"event": event, "initCount": init_count}


def throws(event, context):
    raise ValueError("something broke")


def context_fields(event, context):
    return {
        "awsRequestId": context.aws_request_id,
        "functionName": context.function_name,
        "functionVersion": context.function_version,
        "memoryLimitInMB": context.memory_limit_in_mb,
        "invokedFunctionArn": context.invoked_function_arn,
        "logGroupName": context.log_group_name,
        "logStreamName": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "traceId": os.environ.get("_X_AMZN_TRACE_ID"),
    }


def logs(event, context):
    print("hello from python")
    return "logged"
