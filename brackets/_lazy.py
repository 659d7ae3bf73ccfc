"""Public names imported from their modules on first use (PEP 562), for a package's
`__init__`: `import brackets` then loads neither the grammar nor the Word layer (issue 19)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package`: a name of `homes` (name -> relative
    module) is imported from its module on first use and kept in `namespace` (the package's
    globals); any other name is a submodule, or an AttributeError."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            if name.startswith("__"):  # probes such as __wrapped__ name no submodule
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            try:
                return import_module(f"{package}.{name}")
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(import_module(home, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *homes})

    return __getattr__, __dir__
