"""The test suite of agenda."""
