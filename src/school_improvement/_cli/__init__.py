"""The command line: the parser (light, for a fast --help) and the commands that run the library."""
