"""`python -m app` is the `advisor` command."""

from app.cli.main import main

main()
