"""Closing kindly when the terminal goes away (SIGHUP) or the system asks kindcheck to stop
(SIGTERM).

Python's default for both ends the process on the spot, so the check-in form never got to
write the draft typed in the last second. Asked through the event loop instead, the app
closes as it does on quit: each screen keeps what it must as it unmounts (the form waits for
its draft), and the terminal is put back.
"""

from __future__ import annotations

import asyncio
import signal

from textual.app import App

CLOSING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


def close_on_signals(app: App[object]) -> None:
    """Let SIGTERM and SIGHUP close `app` the way quitting does (a real terminal only)."""
    if app.is_headless:
        return  # tests drive the app in-process: the test runner's signals stay its own
    loop = asyncio.get_running_loop()
    for number in CLOSING_SIGNALS:
        try:
            loop.add_signal_handler(number, app.exit)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # no such signals here (Windows), or not the main thread
