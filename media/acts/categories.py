"""The categories of acts a town shows, with the legal minimum each must stay on display.

Sources: ../shared/DOMAIN.md "Legal acts" (CGCT L2131-1 and R2131-1 for regulatory acts, 2 months;
permit decisions 2 months, continuous; marriage banns 10 days; building-permit filing notices for
the whole instruction period, i.e. until the decision). A category without a legal minimum keeps the
window it is given.
"""

import enum
from dataclasses import dataclass
from datetime import date


class MinimumKind(enum.Enum):
    NONE = "none"
    MONTHS = "months"
    DAYS = "days"
    UNTIL_DECISION = "until_decision"


@dataclass(frozen=True, slots=True)
class Category:
    key: str
    label_fr: str
    label_en: str
    minimum: MinimumKind
    amount: int = 0  # months or days

    def minimum_fr(self) -> str:
        return {MinimumKind.NONE: "aucun minimum légal", MinimumKind.MONTHS: f"{self.amount} mois",
                MinimumKind.DAYS: f"{self.amount} jours",
                MinimumKind.UNTIL_DECISION: "toute la durée de l'instruction (jusqu'à la décision)"}[self.minimum]

    def earliest_end(self, start: date) -> date | None:
        """The last day the act must still be shown; None when there is no dated minimum."""
        if self.minimum is MinimumKind.MONTHS:
            return add_months(start, self.amount)
        if self.minimum is MinimumKind.DAYS:
            return date.fromordinal(start.toordinal() + self.amount - 1)
        return None


def add_months(start: date, months: int) -> date:
    """``start`` plus calendar months, the day clamped to the month's end (31 Dec + 2 months = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


CATEGORIES: dict[str, Category] = {c.key: c for c in (
    Category("deliberations", "Délibérations", "Council decisions", MinimumKind.MONTHS, 2),
    Category("conseil_municipal", "Conseil municipal (procès-verbaux, listes)", "Council minutes and lists",
             MinimumKind.MONTHS, 2),
    Category("arretes_municipaux", "Arrêtés municipaux", "Municipal orders", MinimumKind.MONTHS, 2),
    Category("arretes_prefectoraux", "Arrêtés préfectoraux", "Prefectoral orders", MinimumKind.NONE),
    Category("urbanisme_depot", "Urbanisme : dépôts de demandes", "Planning: applications filed", MinimumKind.UNTIL_DECISION),
    Category("urbanisme_decision", "Urbanisme : décisions", "Planning: decisions", MinimumKind.MONTHS, 2),
    Category("etat_civil", "État civil : publications de mariage", "Marriage banns", MinimumKind.DAYS, 10),
    Category("enquetes_publiques", "Enquêtes publiques", "Public inquiries", MinimumKind.DAYS, 15),
    Category("marches", "Marchés publics", "Public procurement", MinimumKind.NONE),
)}
