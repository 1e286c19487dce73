"""The reflectie's message catalog: every sentence a finding or the engine writes, in Dutch and English.

Private; used by :mod:`agenda.query.reflectie._engine` and :mod:`agenda.query.reflectie._rules`.
"""

from __future__ import annotations

from agenda._i18n import Catalog

__all__ = ["_"]


_ = Catalog(
    "reflectie",
    {
        "status-lagging": {
            "nl": "{subject} stond in {year} op ‘{status}’.",
            "en": "{subject} was ‘{status}’ in {year}.",
        },
        "status-lagging-progress": {
            "nl": "{subject} stond in {year} op ‘{status}’ ({progress}\u00a0% gereed).",
            "en": "{subject} was ‘{status}’ in {year} ({progress}% done).",
        },
        "not-started": {
            "nl": "{subject} was eind {year} nog niet gestart; de start was gepland in {start}.",
            "en": "{subject} had not started by the end of {year}; it was planned to start in {start}.",
        },
        "overdue": {
            "nl": "{subject} moest in {end} klaar zijn, maar was eind {year} niet afgerond ({status}).",
            "en": "{subject} was due in {end} but was not completed by the end of {year} ({status}).",
        },
        "nothing-recorded": {"nl": "niets vastgelegd", "en": "nothing recorded"},
        "target-missed": {
            "nl": "{subject} kwam in {year} uit op {value}; het doel was {target}.",
            "en": "{subject} came to {value} in {year}; the target was {target}.",
        },
        "target-missed-revised": {
            "nl": "{subject} kwam in {year} uit op {value}; het bijgestelde doel was {target} (eerst {original}).",
            "en": "{subject} came to {value} in {year}; the revised target was {target} (first {original}).",
        },
        "target-missed-area": {
            "nl": "{subject} kwam in {year} in {area} uit op {value}; het doel was {target}.",
            "en": "{subject} came to {value} in {area} in {year}; the target was {target}.",
        },
        "measured-in": {"nl": " (gemeten in {year})", "en": " (measured in {year})"},
        "at-most": {"nl": "hoogstens {value}", "en": "at most {value}"},
        "at-least": {"nl": "minstens {value}", "en": "at least {value}"},
        "converted": {
            "nl": " (omgerekend {converted} {unit})",
            "en": " (converted, {converted} {unit})",
        },
        "behind-baseline": {
            "nl": "{subject} stond in {year} op {value}: slechter dan de nulmeting van {baseline}{when}.",
            "en": "{subject} stood at {value} in {year}: worse than the baseline of {baseline}{when}.",
        },
        "baseline-when": {"nl": " in {year}", "en": " in {year}"},
        "against-reference": {
            "nl": "{subject} ging van {before} in {before_year} naar {after} in {year} ({own}), terwijl {reference} "
            "van {ref_before} naar {ref_after} ging ({ref}): dat is de verkeerde kant op vergeleken met {reference}.",
            "en": "{subject} went from {before} in {before_year} to {after} in {year} ({own}), while {reference} "
            "went from {ref_before} to {ref_after} ({ref}): the wrong way compared with {reference}.",
        },
        "wrong-direction": {
            "nl": "{subject} ging van {previous} in {previous_year} naar {value} in {year}{change}: de verkeerde "
            "kant op, meer dan de speling van {tolerance}.",
            "en": "{subject} went from {previous} in {previous_year} to {value} in {year}{change}: the wrong way, "
            "by more than the tolerance of {tolerance}.",
        },
        "capacity-reached": {
            "nl": "{subject} kwam in {year} uit op {value}: de grens van wat de capaciteit toelaat ({capacity}).",
            "en": "{subject} came to {value} in {year}: the limit of what its capacity allows ({capacity}).",
        },
        "stale": {
            "nl": "Voor {subject} is over {year} niets vastgelegd (laatst: ‘{status}’ in {last_year}).",
            "en": "Nothing was recorded for {subject} in {year} (last: ‘{status}’ in {last_year}).",
        },
        "stale-never": {
            "nl": "Voor {subject} is over {year} niets vastgelegd, en nog nooit een status.",
            "en": "Nothing was recorded for {subject} in {year}, nor any status before.",
        },
        "at-risk-dependency": {
            "nl": "{subject} loopt risico via een afhankelijkheid: {cause} bleef in {year} achter ({status}); "
            "keten: {chain}.",
            "en": "{subject} is at risk through a dependency: {cause} lagged in {year} ({status}); chain: {chain}.",
        },
        "unexplained": {
            "nl": "{subject} bleef in {year} achter zonder vastgelegde toelichting.",
            "en": "{subject} lagged in {year} without a recorded explanation.",
        },
        "unexplained-hint": {
            "nl": "Schrijf bij de status van {year} een toelichting (note) voordat de rapportage uitgaat.",
            "en": "Add a note to the status of {year} before the report goes out.",
        },
        "unknown-rule": {
            "nl": "De reflectieregel ‘{rule}’ bestaat niet; de instelling wordt genegeerd.",
            "en": "There is no reflectie rule ‘{rule}’; its settings are ignored.",
        },
        "unknown-rule-hint": {"nl": "Bekende regels: {known}.", "en": "Known rules: {known}."},
        "bad-setting": {
            "nl": "De instelling ‘{key}’ van reflectieregel ‘{rule}’ is niet bruikbaar: {value!r}; de "
            "standaardwaarde {default!r} wordt gebruikt.",
            "en": "Setting ‘{key}’ of reflectie rule ‘{rule}’ cannot be used: {value!r}; the default {default!r} "
            "is used.",
        },
        "past-end": {"nl": "over de geplande einddatum", "en": "past its planned end"},
    },
)
