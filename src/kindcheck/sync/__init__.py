"""Sync between machines: git as the engine, a record-by-record merge, age encryption."""
