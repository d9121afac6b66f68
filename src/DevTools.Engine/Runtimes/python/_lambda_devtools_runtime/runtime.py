"""The invoke loop: GET /next, call the handler, POST the result or the error, forever."""

import os
import sys

from .context import context_from_headers
from .errors import exception_result
from .logs import flush_output, log_error, set_current_invoke
from .marshalling import marshal_result, unmarshal_event


def run(api, handler):
    while True:
        try:
            headers, body = api.next()
        except Exception as e:
            fail_fast("invocation/next failed: {}".format(e))
        set_current_invoke(headers.get("lambda-runtime-aws-request-id"), headers.get("lambda-runtime-aws-tenant-id"))
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id is not None:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        elif "_X_AMZN_TRACE_ID" in os.environ:
            del os.environ["_X_AMZN_TRACE_ID"]
        try:
            handle_invoke(api, handler, headers, body)
        except (OSError, EOFError, ValueError) as e:
            fail_fast("the Runtime API connection failed: {}".format(e))


def handle_invoke(api, handler, headers, body):
    request_id = headers.get("lambda-runtime-aws-request-id")
    try:
        context = context_from_headers(headers)
        event = unmarshal_event(body, headers.get("content-type"))
        result, content_type = marshal_result(handler(event, context))
    except Exception:
        error = exception_result(sys.exc_info(), request_id)
        log_error(error)
        flush_output()
        status = api.post_error(request_id, error)
    else:
        flush_output()
        status = api.post_response(request_id, result, content_type)
    if status >= 500:
        fail_fast("posting the result for {} was answered {}".format(request_id, status))
    # Any other status (e.g. 413 for an oversized response) ends this invoke: wait for the next.


def fail_fast(reason):
    """The Runtime API is unusable: exit, as Lambda expects of a runtime."""
    flush_output()
    sys.stderr.write("Lambda runtime: {}, exiting\n".format(reason))
    sys.stderr.flush()
    os._exit(1)
