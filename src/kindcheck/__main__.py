from kindcheck.cli import main

raise SystemExit(main())
