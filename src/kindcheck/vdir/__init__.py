"""The leader's calendar as a vdir: follow-ups written as .ics files, and read back."""
