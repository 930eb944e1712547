"""CLI tests: the ``gongkai`` command, in-process and as the installed entry point."""
