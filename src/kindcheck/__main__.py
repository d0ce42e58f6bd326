import gc

# Start-up makes some hundred thousand long-lived objects (modules, styles, widgets) and no
# garbage worth collecting: repeated full collections over them cost more than a frame. The
# app turns collection back on once the dashboard is on screen (see kindcheck.garbage).
gc.disable()

from kindcheck.cli import main  # noqa: E402

raise SystemExit(main())
