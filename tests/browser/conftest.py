"""The chromium fixtures (`browser`, `page`) live in the root conftest.py, shared with app browser tests."""
