"""The import path as Lambda's Python runtime sets it, from what the engine passes."""

import os
import sys

# The folder bootstrap.py put on the path to import this package. Once imported, the package finds its
# own modules through its __path__, so the folder leaves sys.path and no function module can meet ours.
_BOOTSTRAP_FOLDER = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def prepare_import_path(task_root):
    """Lambda's order: the function's code (its installed dependencies sit beside it), ..., the runtime's boto3 last."""
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _BOOTSTRAP_FOLDER]
    built = search_paths("_DEVTOOLS_PYTHON_TASK_PATHS")
    sys.path[0:0] = [task_root] + built
    sys.path.extend(search_paths("_DEVTOOLS_PYTHON_RUNTIME_PATHS"))


def search_paths(variable):
    """Folders the engine adds to the import path; the variable is removed so the function never sees it."""
    return [p for p in os.environ.pop(variable, "").split(os.pathsep) if p]
