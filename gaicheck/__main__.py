"""`python -m gaicheck`: the command line."""

from gaicheck.cli import main

main()
