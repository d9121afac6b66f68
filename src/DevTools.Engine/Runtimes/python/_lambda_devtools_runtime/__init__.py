"""Lambda DevTools' runtime client for Python, started by ../bootstrap.py.

Its modules mirror the Node.js client's (../../node/): main (init), runtime (the invoke loop),
runtime_api_client, handler_loader, context, marshalling, errors, logs, import_paths.
"""
