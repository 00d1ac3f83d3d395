"""An agency and its sub-units (Agency.parent): what a coordinator of the agency follows."""

from __future__ import annotations

from typing import cast

from backend.models import Agency

MAX_DEPTH = 10


async def agency_units(agency_id: int) -> list[int]:
    """The agency's id first, then its sub-units' at every level (a loop in the data ends the walk)."""
    found = [agency_id]
    seen = {agency_id}
    frontier = [agency_id]
    for _ in range(MAX_DEPTH):
        # values_list(flat=True) gives the values themselves (Tortoise annotates every values_list as tuples)
        children = cast(list[int], await Agency.filter(parent_id__in=frontier).values_list("id", flat=True))
        frontier = [c for c in children if c not in seen]
        if not frontier:
            break
        seen.update(frontier)
        found.extend(frontier)
    return found


async def agency_unit_refs(agency_id: int) -> list[tuple[int, str]]:
    """(id, name) of the agency and its sub-units, the agency first, then by name."""
    ids = await agency_units(agency_id)
    names = {a["id"]: a["name"] for a in await Agency.filter(id__in=ids).values("id", "name")}
    return [(agency_id, names.get(agency_id, ""))] + sorted(((i, names[i]) for i in ids[1:] if i in names),
                                                         key=lambda pair: pair[1])
