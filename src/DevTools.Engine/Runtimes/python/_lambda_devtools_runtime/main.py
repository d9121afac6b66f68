"""Init: the process as Lambda's Python runtime prepares it, then the handler, then the invoke loop.

Init failures are logged, posted to /init/error, and the process exits with status 1.
"""

import logging
import os
import sys

from .errors import exception_result
from .handler_loader import load_handler
from .import_paths import prepare_import_path
from .logs import configure_logging, flush_output, line_buffered, log_error
from .runtime import run
from .runtime_api_client import RuntimeApi

INIT_FAILURE_EXIT_CODE = 1

# Printed (as a warning) before an init failure, as AWS's runtime does.
UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, "
    "or can be applied automatically. To determine if the runtime has been updated, check the "
    "runtime version in the INIT_START log entry. If this error correlates with a change in the "
    "runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)


def main():
    prepare_process()
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])

    try:
        handler = load_handler(os.environ.get("_HANDLER") or "")
    except Exception:
        error = exception_result(sys.exc_info())
        logging.warning(UNHANDLED_EXCEPTION_WARNING)
        log_error(error)
        flush_output()
        try:
            api.post_init_error(error)
        except Exception as e:
            sys.stderr.write("Lambda runtime: posting the init error failed: {}\n".format(e))
        flush_output()
        sys.exit(INIT_FAILURE_EXIT_CODE)

    run(api, handler)


def prepare_process():
    """Streams, import path and logging as they are in Lambda's Python runtime."""
    line_buffered(sys.stdout)
    line_buffered(sys.stderr)
    prepare_import_path(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())
    configure_logging()
