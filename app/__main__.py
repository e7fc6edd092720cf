"""`python -m app` is the `advisor` command."""

from app.cli import main

main()
