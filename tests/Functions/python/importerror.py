import module_that_does_not_exist  # noqa: F401  (init must fail with Runtime.ImportModuleError)


def handler(event, context):
    return None
