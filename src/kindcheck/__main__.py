"""`python -m kindcheck`: the same start as the installed `kindcheck` command (cli.main)."""

from kindcheck.cli import main

raise SystemExit(main())
