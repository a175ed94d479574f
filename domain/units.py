"""SI inside, the athlete's units at the edge."""

from __future__ import annotations

KG_PER_LB = 0.45359237
METRES_PER_MILE = 1609.344


def kg_to_lb(kg: float) -> float:
    return kg / KG_PER_LB


def lb_to_kg(lb: float) -> float:
    return lb * KG_PER_LB
