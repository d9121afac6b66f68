"""Lambda DevTools' runtime client for the python3.9-python3.14 runtimes.

Started by the engine as `python3 <runtime dir>/bootstrap.py` in the function's code directory, it
talks to the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API the way AWS's Python runtime
(awslambdaric) does: import the $_HANDLER module from $LAMBDA_TASK_ROOT, then GET /next, call the
handler, POST the result or the error, forever. Standard library only; Python 3.9+.

The client is the package beside this file. Its name is one no function uses, its modules import one
another relatively, and this folder leaves the import path once the package is imported (see
import_paths.py): a function's own `runtime` or `errors` module and ours never meet.
"""

import os
import sys

if __name__ == "__main__":  # not when multiprocessing's spawn re-runs this file in a child process
    # Put on the path explicitly: a function's PYTHONSAFEPATH would keep this folder out of sys.path[0].
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _lambda_devtools_runtime.main import main

    main()
