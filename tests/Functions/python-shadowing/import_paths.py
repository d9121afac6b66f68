ORIGIN = "function"
