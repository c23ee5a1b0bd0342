"""`python -m gaicheck`: the command line."""

from gaicheck.cli import main

if __name__ == "__main__":  # guard: parallel workers re-import this module on spawn platforms
    main()
