"""The package's version, kept equal to pyproject.toml's by tests/test_cli.py.

A literal, so that `brackets --version` and `import brackets` read no package metadata
(`importlib.metadata` costs about 30 ms at start-up).
"""

__version__ = "0.1.0"
