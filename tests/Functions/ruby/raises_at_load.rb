# The init code raises: an init error.
raise 'boom at load'
