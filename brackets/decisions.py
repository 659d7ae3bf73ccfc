"""What the decisions of a resolution name (NOTATION 5): delegations to withdraw, by code,
name or alias, and the brackets, options and paragraph positions to accept or reject; a value
that names nothing in the draft is an error with a suggestion when one is close."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ResolutionError
from .model import Bracket, Draft, Paragraph

if TYPE_CHECKING:
    from .delegations import Registry

__all__ = ["decision_values", "no_such_id", "withdrawals"]

_EMPTY = {
    "withdraw": "name a delegation (a code such as CHN, or a name such as China)",
    "accept": "name a bracket (bN), an option (oN.K) or a paragraph position (pN)",
    "reject": "name a bracket (bN), an option (oN.K) or a paragraph position (pN)",
}


def decision_values(
    draft: Draft,
    decision: str,
    values: Iterable[str],
    whole: Callable[[str], bool] = lambda value: False,
) -> Iterator[str]:
    """The decision's values, comma-separated lists split (unless `whole` takes the value as
    it is, as for a name like "Korea, Republic of"); an empty value is an error."""
    for raw in (values,) if isinstance(values, str) else values:
        parts = [part.strip() for part in raw.split(",")]
        if not all(parts):
            where = f" in '{raw}'" if raw.strip() else ""
            raise ResolutionError(f"{decision}: empty value{where}; {_EMPTY[decision]}", draft.path)
        yield from [raw.strip()] if len(parts) > 1 and whole(raw.strip()) else parts


def withdrawals(draft: Draft, values: Iterable[str], registry: Registry | None) -> set[str]:
    """The codes of the draft that `values` name, by code, name or alias (in `registry`, by
    default the default one, imported only when something is withdrawn)."""
    if not isinstance(values, str):
        values = list(values)
        if not values:
            return set()
    if registry is None:
        from .delegations import Registry

        registry = Registry.default()
    holders: list[Bracket | Paragraph] = [*draft.brackets]
    holders += [p for p in draft.paragraphs if p.groups]
    present = {entry.delegation for holder in holders for entry in holder.attributions}
    by_registry: dict[str, str] = {}
    for code in sorted(present):
        by_registry.setdefault(registry.code_for(code) or code, code)

    def lookup(name: str) -> str | None:
        if name in present:
            return name
        if name.upper() in present:
            return name.upper()
        code = registry.code_for(name)
        return by_registry.get(code) if code else None

    codes = set()
    for name in decision_values(draft, "withdraw", values, lambda raw: lookup(raw) is not None):
        found = lookup(name)
        if found is None:
            raise ResolutionError(_no_such_delegation(name, present, registry), draft.path)
        codes.add(found)
    return codes


def _no_such_delegation(name: str, present: set[str], registry: Registry) -> str:
    if name == "*":
        return "withdraw *: this draft has no anonymous reservation (tcb)"
    code = registry.code_for(name)
    if code is None:
        message = f"withdraw {name}: no delegation named {name} takes a position in this draft"
    else:
        known = code if code == name else f"{name} ({code})"
        message = f"withdraw {name}: {known} takes no position in this draft"
    codes = sorted(present - {"*"})
    close = difflib.get_close_matches(name.upper(), codes, n=1, cutoff=0.6)
    if not close:
        by_name = {alias.upper(): c for c in codes for alias in registry.names.get(c, ())}
        near = difflib.get_close_matches(name.upper(), list(by_name), n=1, cutoff=0.75)
        close = [by_name[near[0]]] if near else []
    if close:
        return f"{message}; did you mean {close[0]}?"
    if not codes:
        return f"{message}; it records no delegation's position"
    shown = ", ".join(codes[:20]) + (", …" if len(codes) > 20 else "")
    return f"{message}; its delegations are {shown}"


def no_such_id(draft: Draft, decision: str, position_id: str) -> str:
    message = f"{decision} {position_id}: no bracket or paragraph position named '{position_id}'"
    count = len(draft.brackets)
    if position_id.startswith("o"):
        named = [o.id for o in draft.options]
        have = f"; this draft's are {', '.join(named[:20])}" if named else "; it has none"
        return f"{message} (options are named oN.K, option K of the set on line N){have}"
    if position_id.isdigit() and 1 <= int(position_id) <= count:
        return f"{message}; did you mean b{position_id}?"
    if position_id.startswith("p"):
        owned = [p.id for p in draft.paragraphs if p.groups]
        have = f"; this draft's are {', '.join(owned[:20])}" if owned else ""
        return f"{message} (a paragraph is named pN only when it carries its own attribution){have}"
    brackets = {0: "no brackets", 1: "one bracket, b1"}.get(count, f"b1 to b{count}")
    return f"{message} (this draft has {brackets})"
