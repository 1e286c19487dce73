"""The messages of the format: every problem reading and checking a plan can report, in Dutch and English.

One catalog per stage: ``READING`` (the text and its YAML), ``TYPES`` (what each key expects)
and ``CHECKS`` (across items).  Kept apart from the code so each module stays short and the
sentences can be read, and reviewed, in one place.
"""

from __future__ import annotations

from agenda._i18n import Catalog

__all__ = ["CHECKS", "READING", "TYPES"]

READING = Catalog(
    "yaml",
    {
        "empty": {"nl": "het bestand is leeg", "en": "the file is empty"},
        "empty-hint": {
            "nl": "Begin met `agenda init` voor een voorbeeld, of kijk in docs/yaml-reference.md.",
            "en": "Start with `agenda init` for an example, or see docs/yaml-reference.md.",
        },
        "binary": {
            "nl": "dit is geen tekstbestand (het bevat een NUL-teken)",
            "en": "this is not a text file (it contains a NUL character)",
        },
        "binary-hint": {
            "nl": "Sla het bestand op als platte tekst (YAML, UTF-8).",
            "en": "Save the file as plain text (YAML, UTF-8).",
        },
        "not-utf8": {
            "nl": "dit teken is geen geldige UTF-8 (byte {byte})",
            "en": "this character is not valid UTF-8 (byte {byte})",
        },
        "not-utf8-hint": {
            "nl": "Sla het bestand op als UTF-8 (in de meeste editors: Opslaan als… > Codering: UTF-8).",
            "en": "Save the file as UTF-8 (in most editors: Save as… > Encoding: UTF-8).",
        },
        "anchor": {"nl": "ankers (&{name}) zijn niet toegestaan", "en": "anchors (&{name}) are not allowed"},
        "alias": {"nl": "verwijzingen (*{name}) zijn niet toegestaan", "en": "aliases (*{name}) are not allowed"},
        "anchor-hint": {
            "nl": "Schrijf de waarde voluit op elke plek waar ze nodig is; voor verbanden tussen onderdelen gebruik je ids.",
            "en": "Write the value out in full wherever it is needed; link items to each other by id.",
        },
        "tag": {"nl": "YAML-tags ({tag}) zijn niet toegestaan", "en": "YAML tags ({tag}) are not allowed"},
        "tag-hint": {
            "nl": "Laat de tag weg; zet tekst die op een getal lijkt tussen aanhalingstekens.",
            "en": "Leave the tag out; put text that looks like a number in quotes.",
        },
        "complex-key": {"nl": "een sleutel moet een eenvoudige tekst zijn", "en": "a key must be plain text"},
        "complex-key-hint": {
            "nl": "Schrijf `sleutel: waarde`, met de sleutel als gewone tekst.",
            "en": "Write `key: value`, with a plain text key.",
        },
        "duplicate-key": {
            "nl": "de sleutel '{key}' staat twee keer in hetzelfde blok (eerst op regel {first})",
            "en": "the key '{key}' appears twice in the same block (first on line {first})",
        },
        "duplicate-key-hint": {
            "nl": "Houd één van beide; YAML zou de eerste stilzwijgend weggooien.",
            "en": "Keep one of them; YAML would silently drop the first.",
        },
        "too-deep": {
            "nl": "het bestand is dieper genest dan {limit} niveaus",
            "en": "the file is nested deeper than {limit} levels",
        },
        "too-deep-hint": {
            "nl": "Een agenda heeft hooguit een niveau of tien; controleer de inspringing en haakjes.",
            "en": "A plan needs about ten levels at most; check the indentation and brackets.",
        },
        "documents": {
            "nl": "het bestand bevat meer dan één YAML-document (---)",
            "en": "the file holds more than one YAML document (---)",
        },
        "documents-hint": {
            "nl": "Zet één agenda in één bestand; verwijder de tweede `---`.",
            "en": "Put one plan in one file; remove the second `---`.",
        },
    },
)


TYPES = Catalog(
    "schema",
    {
        "expected": {"nl": "hier hoort {expected}, maar er staat {found}", "en": "expected {expected}, found {found}"},
        "expected-hint": {"nl": "Schrijf hier {expected}, bijvoorbeeld: {example}", "en": "Write {expected} here, for example: {example}"},
        "duplicate-year": {
            "nl": "het jaar {year} staat twee keer in dit blok (eerst op regel {first})",
            "en": "the year {year} appears twice in this block (first on line {first})",
        },
        "duplicate-year-hint": {
            "nl": "Houd één van beide; beide sleutels betekenen het jaar {year}.",
            "en": "Keep one of them; both keys mean the year {year}.",
        },
        "unknown-key": {"nl": "onbekende sleutel '{key}'", "en": "unknown key '{key}'"},
        "unknown-key-hint-match": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "unknown-key-hint": {"nl": "Toegestaan hier: {allowed}.", "en": "Allowed here: {allowed}."},
        "missing-key": {"nl": "de sleutel '{key}' ontbreekt", "en": "the key '{key}' is missing"},
        "missing-key-hint": {"nl": "Voeg toe: `{key}: {example}`.", "en": "Add: `{key}: {example}`."},
        "quote-hint": {
            "nl": "YAML leest dit als {found}; zet het tussen aanhalingstekens als u tekst bedoelt: \"{value}\".",
            "en": "YAML reads this as {found}; put it in quotes if you mean text: \"{value}\".",
        },
        "bool-hint": {"nl": "Schrijf true of false.", "en": "Write true or false."},
        "octal": {
            "nl": "'{value}' begint met een 0 en is daardoor dubbelzinnig (YAML 1.1 leest het als octaal getal)",
            "en": "'{value}' starts with a 0 and is ambiguous (YAML 1.1 reads it as an octal number)",
        },
        "octal-hint": {"nl": "Schrijf het getal zonder voorloopnul: {fixed}.", "en": "Write the number without the leading zero: {fixed}."},
        "number-hint": {"nl": "Schrijf een getal zonder aanhalingstekens, bijvoorbeeld {example}.", "en": "Write a number without quotes, for example {example}."},
        "not-finite": {"nl": "'{value}' is geen gewoon getal", "en": "'{value}' is not an ordinary number"},
        "too-large": {"nl": "het getal {value} is te groot", "en": "the number {value} is too large"},
        "too-precise": {"nl": "het getal {value} heeft te veel cijfers", "en": "the number {value} has too many digits"},
        "too-large-hint": {"nl": "Getallen in een agenda hebben hooguit 15 cijfers.", "en": "Numbers in a plan have at most 15 digits."},
        "range": {"nl": "{value} ligt niet tussen {low} en {high}", "en": "{value} is not between {low} and {high}"},
        "range-hint": {"nl": "Schrijf een waarde van {low} tot en met {high}.", "en": "Write a value from {low} to {high}."},
        "decimal-comma": {"nl": "'{key}' is geen sleutel: hier staat een getal met een komma ({number}), en in een "
                                "{{…}}-blok scheidt de komma de sleutels",
                          "en": "'{key}' is no key: a number with a decimal comma ({number}) stands here, and in a "
                                "{{…}} block the comma separates the keys"},
        "decimal-comma-hint": {"nl": "Schrijf het getal met een punt ({dotted}) of tussen aanhalingstekens (\"{number}\").",
                               "en": "Write the number with a point ({dotted}) or in quotes (\"{number}\")."},
        "not-positive": {"nl": "{value} is geen getal groter dan 0", "en": "{value} is not a number above 0"},
        "not-positive-hint": {"nl": "Een factor rekent oude cijfers om naar de nieuwe eenheid, bijvoorbeeld 0.1 "
                                    "van per 10.000 naar per 1.000 inwoners.",
                              "en": "A factor converts earlier figures into the new unit, for example 0.1 from "
                                    "per 10,000 to per 1,000 inhabitants."},
        "enum": {"nl": "'{value}' is hier geen geldige keuze", "en": "'{value}' is not a valid choice here"},
        "enum-hint": {"nl": "Kies uit: {choices}.", "en": "Choose from: {choices}."},
        "enum-match-hint": {"nl": "Bedoelt u '{match}'? Kies uit: {choices}.",
                            "en": "Did you mean '{match}'? Choose from: {choices}."},
        "bad-id": {"nl": "'{value}' is geen geldige id", "en": "'{value}' is not a valid id"},
        "bad-id-hint": {
            "nl": "Een id bestaat uit kleine letters, cijfers en streepjes en begint met een letter, bijvoorbeeld '{example}'.",
            "en": "An id has lowercase letters, digits and hyphens and starts with a letter, for example '{example}'.",
        },
        "long-id": {
            "nl": "de id '{value}' is {length} tekens lang; een id heeft hooguit {limit} tekens",
            "en": "the id '{value}' is {length} characters long; an id has at most {limit}",
        },
        "long-id-hint": {
            "nl": "Kies een kortere id; de naam (`name`) mag wel lang zijn.",
            "en": "Choose a shorter id; the name (`name`) may be long.",
        },
        "bad-date": {"nl": "'{value}' is geen datum", "en": "'{value}' is not a date"},
        "bad-colour": {"nl": "'{value}' is geen kleur", "en": "'{value}' is not a colour"},
        "bad-colour-hint": {
            "nl": "Schrijf een kleur als \"#rrggbb\" tussen aanhalingstekens, bijvoorbeeld \"#009e73\".",
            "en": "Write a colour as \"#rrggbb\" in quotes, for example \"#009e73\".",
        },
        "bad-date-hint": {
            "nl": "Schrijf een jaar (2024), een maand (\"2024-02\") of een dag (\"2024-02-01\").",
            "en": "Write a year (2024), a month (\"2024-02\") or a day (\"2024-02-01\").",
        },
        "bad-target": {"nl": "'{value}' is geen doelwaarde", "en": "'{value}' is not a target"},
        "bad-target-hint": {
            "nl": "Schrijf bijvoorbeeld \"< 550\", \">= 7,0\", \"min. 7,0\", \"max. 25%\", \"= 0\" of \"10-20\".",
            "en": "Write for example \"< 550\", \">= 7,0\", \"min. 7,0\", \"max. 25%\", \"= 0\" or \"10-20\".",
        },
        "empty-text": {"nl": "de tekst is leeg", "en": "the text is empty"},
        "empty-text-hint": {"nl": "Vul de tekst in of laat de sleutel weg.", "en": "Fill in the text or leave the key out."},
        "t-text": {"nl": "tekst", "en": "text"},
        "t-id": {"nl": "een id", "en": "an id"},
        "t-int": {"nl": "een geheel getal", "en": "a whole number"},
        "t-year": {"nl": "een jaartal", "en": "a year"},
        "t-number": {"nl": "een getal", "en": "a number"},
        "t-bool": {"nl": "true of false", "en": "true or false"},
        "t-list": {"nl": "een lijst", "en": "a list"},
        "t-map": {"nl": "een blok met sleutels", "en": "a block of keys"},
        "t-date": {"nl": "een datum", "en": "a date"},
        "t-target": {"nl": "een doelwaarde", "en": "a target"},
        "f-map": {"nl": "een blok met sleutels", "en": "a block of keys"},
        "f-seq": {"nl": "een lijst", "en": "a list"},
        "f-text": {"nl": "de tekst '{value}'", "en": "the text '{value}'"},
        "f-null": {"nl": "niets", "en": "nothing"},
        "f-bool": {"nl": "het woord {value}", "en": "the word {value}"},
        "f-number": {"nl": "het getal {value}", "en": "the number {value}"},
        "r-bool": {"nl": "een ja/nee-waarde", "en": "a true/false value"},
        "r-null": {"nl": "'leeg' (null)", "en": "'empty' (null)"},
        "r-number": {"nl": "een getal", "en": "a number"},
    },
)


CHECKS = Catalog(
    "loader",
    {
        "duplicate-id": {
            "nl": "de id '{id}' is al gebruikt op regel {line}",
            "en": "the id '{id}' is already used on line {line}",
        },
        "duplicate-id-hint": {
            "nl": "Elke id komt één keer voor in het hele bestand; kies een andere, bijvoorbeeld '{id}-2'.",
            "en": "Every id occurs once in the whole file; choose another, for example '{id}-2'.",
        },
        "unknown-ref": {
            "nl": "'{key}' verwijst naar '{ref}', maar er is geen {kind} met die id",
            "en": "'{key}' refers to '{ref}', but there is no {kind} with that id",
        },
        "unknown-ref-match": {"nl": "Bedoelt u '{match}'?", "en": "Did you mean '{match}'?"},
        "unknown-ref-none": {
            "nl": "Bestaande ids van dit soort: {some}.",
            "en": "Existing ids of this kind: {some}.",
        },
        "unknown-ref-empty": {
            "nl": "Er is nog geen {kind}; voeg er een toe of laat de verwijzing weg.",
            "en": "There is no {kind} yet; add one or leave the reference out.",
        },
        "k-plan": {"nl": "plan", "en": "plan"},
        "k-theme": {"nl": "thema", "en": "theme"},
        "k-pillar": {"nl": "pijler in dit thema", "en": "pillar in this theme"},
        "k-tag": {"nl": "verschijningsvorm of speerpunt in dit thema", "en": "tag in this theme"},
        "k-goal": {"nl": "doelstelling", "en": "goal"},
        "k-item": {"nl": "thema, doelstelling of inspanning", "en": "theme, goal or action"},
        "k-status": {"nl": "status", "en": "status"},
        "k-area": {"nl": "gebied", "en": "area"},
        "k-category": {"nl": "categorie van deze indicator", "en": "category of this indicator"},
        "k-kind": {"nl": "soort thema", "en": "theme kind"},
        "cycle": {
            "nl": "afhankelijkheden vormen een kring: {cycle}",
            "en": "dependencies form a cycle: {cycle}",
        },
        "cycle-hint": {
            "nl": "Haal één van deze 'needs' weg: {edges}.",
            "en": "Remove one of these 'needs': {edges}.",
        },
        "end-before-start": {
            "nl": "het einde ({end}) ligt voor het begin ({start})",
            "en": "the end ({end}) comes before the start ({start})",
        },
        "end-before-start-hint": {
            "nl": "Verwissel begin en einde, of corrigeer één van beide.",
            "en": "Swap start and end, or correct one of them.",
        },
        "period": {"nl": "de periode eindigt ({to}) voor ze begint ({start})", "en": "the period ends ({to}) before it starts ({start})"},
        "period-hint": {
            "nl": "Schrijf het eerste jaar bij `from` en het laatste bij `to`, bijvoorbeeld `{{from: {to}, to: {start}}}`.",
            "en": "Write the first year under `from` and the last under `to`, for example `{{from: {to}, to: {start}}}`.",
        },
        "breakdown-sum": {
            "nl": "in {year} tellen de onderdelen op tot {parts}, maar het gepubliceerde totaal is {total}",
            "en": "in {year} the parts add up to {parts}, but the published total is {total}",
        },
        "breakdown-sum-hint": {
            "nl": "Als de bron het zo publiceert, laat het staan: deze waarschuwing legt de tegenspraak vast.",
            "en": "If the source publishes it like this, leave it: this warning records the contradiction.",
        },
        "values-differ": {
            "nl": "voor {year} zijn verschillende waarden gepubliceerd: {values}",
            "en": "different values are published for {year}: {values}",
        },
        "values-differ-hint": {
            "nl": "Beide blijven bewaard met hun bron; vermeld in de rapportage welke u gebruikt.",
            "en": "Both are kept with their source; say in the report which one you use.",
        },
        "no-source": {"nl": "de indicator heeft geen bron", "en": "the indicator has no source"},
        "no-source-hint": {
            "nl": "Voeg toe: `source: data.politie.nl` (of de tabel-id van CBS StatLine, of de eigen registratie).",
            "en": "Add: `source: data.politie.nl` (or the CBS StatLine table id, or the own registration).",
        },
        "no-actions": {"nl": "de doelstelling heeft geen inspanningen", "en": "the goal has no actions"},
        "no-actions-hint": {
            "nl": "Voeg onder `actions:` toe wat er voor deze doelstelling gebeurt.",
            "en": "Add under `actions:` what is done for this goal.",
        },
        "budget-items": {
            "nl": "de onderdelen tellen op tot {parts} per jaar, maar het bedrag is {amount}",
            "en": "the sub-items add up to {parts} a year, but the amount is {amount}",
        },
        "budget-items-hint": {
            "nl": "Controleer de bedragen en 'every' (1x per N jaar) van de onderdelen.",
            "en": "Check the amounts and 'every' (once per N years) of the sub-items.",
        },
        "status-vocab-duplicate": {
            "nl": "het statuswoord '{id}' staat twee keer in `statuses`",
            "en": "the status word '{id}' appears twice in `statuses`",
        },
        "status-vocab-duplicate-hint": {
            "nl": "Houd één van beide, of geef het tweede woord een eigen id.",
            "en": "Keep one of them, or give the second word an id of its own.",
        },
        "value-empty": {
            "nl": "de waarde voor {year} heeft geen 'value' en geen 'text'",
            "en": "the value for {year} has neither 'value' nor 'text'",
        },
        "value-empty-hint": {
            "nl": "Schrijf het getal (`value: 12`) of de tekst zoals gepubliceerd (`text: \"-\"`).",
            "en": "Write the number (`value: 12`) or the text as published (`text: \"-\"`).",
        },
        "strict": {"nl": "(streng: waarschuwingen gelden als fout)", "en": "(strict: warnings count as errors)"},
        "budget-amount": {
            "nl": "de begrotingsregel heeft geen bedrag",
            "en": "the budget line has no amount",
        },
        "budget-amount-hint": {
            "nl": "Schrijf `amount: 96000`, of per jaar `amounts: {{2024: 410000, 2025: 432000}}`.",
            "en": "Write `amount: 96000`, or per year `amounts: {{2024: 410000, 2025: 432000}}`.",
        },
        "budget-both": {
            "nl": "de begrotingsregel heeft zowel `amount` als `amounts`",
            "en": "the budget line has both `amount` and `amounts`",
        },
        "budget-both-hint": {
            "nl": "Houd `amounts` als het bedrag per jaar verschilt, anders alleen `amount`.",
            "en": "Keep `amounts` when the amount differs per year, else only `amount`.",
        },
        "target-contradicts": {
            "nl": "het doel '{target}' voor {year} is een {bound}, maar bij deze indicator is {better} beter",
            "en": "the target '{target}' for {year} is a {bound}, but for this indicator {better} is better",
        },
        "target-contradicts-hint": {
            "nl": "Controleer `better` (lower/higher) en het teken van het doel; staat het zo in de bron, laat het dan staan.",
            "en": "Check `better` (lower/higher) and the sign of the target; if the source says so, leave it.",
        },
        "bound-ceiling": {"nl": "bovengrens", "en": "ceiling"},
        "bound-floor": {"nl": "ondergrens", "en": "floor"},
        "better-lower": {"nl": "lager", "en": "lower"},
        "better-higher": {"nl": "hoger", "en": "higher"},
        "bare-target": {
            "nl": "het doel '{target}' voor {year} heeft geen teken, en de indicator geen richting: het geldt als 'precies gelijk'",
            "en": "the target '{target}' for {year} has no sign and the indicator no direction: it counts as 'exactly equal'",
        },
        "bare-target-hint": {
            "nl": "Schrijf `better: lower` of `better: higher` bij de indicator, of een teken bij het doel (\"< 550\", \"min. 7,0\").",
            "en": "Write `better: lower` or `better: higher` on the indicator, or a sign on the target (\"< 550\", \"min. 7,0\").",
        },
        "duplicate-target": {
            "nl": "er staan twee doelen voor {year}{area}",
            "en": "there are two targets for {year}{area}",
        },
        "duplicate-target-hint": {
            "nl": "Houd één doel per jaar (en per gebied); een bijgesteld doel schrijft u als `revised:`.",
            "en": "Keep one target per year (and per area); write a revised target as `revised:`.",
        },
        "area-and-each": {
            "nl": "een doel geldt voor één gebied (`area`) of voor ieder gebied (`each_area`), niet allebei",
            "en": "a target is for one area (`area`) or for every area (`each_area`), not both",
        },
        "area-and-each-hint": {
            "nl": "Laat `area` of `each_area` weg.",
            "en": "Leave out `area` or `each_area`.",
        },
        "count-fraction": {
            "nl": "{value} is geen geheel getal, maar deze indicator telt (een aantal)",
            "en": "{value} is not a whole number, but this indicator counts (a number of things)",
        },
        "count-fraction-hint": {
            "nl": "Bedoelt u {whole}? Schrijf een aantal zonder punt of komma, of geef de indicator een andere `kind`.",
            "en": "Do you mean {whole}? Write a count without point or comma, or give the indicator another `kind`.",
        },
        "no-themes": {
            "nl": "de agenda heeft geen thema's; is het bestand afgebroken?",
            "en": "the plan has no themes; was the file cut off?",
        },
        "no-themes-hint": {
            "nl": "Voeg thema's toe onder `themes:`, of schrijf `starter: true` zolang het een begin is.",
            "en": "Add themes under `themes:`, or write `starter: true` while it is a start.",
        },
        "duplicate-reporting-year": {
            "nl": "het verslagjaar {year} staat twee keer in `reporting_years`",
            "en": "the reporting year {year} appears twice in `reporting_years`",
        },
        "duplicate-reporting-year-hint": {
            "nl": "Houd één van beide.",
            "en": "Keep one of them.",
        },
        "year-outside-plan": {
            "nl": "het verslagjaar {year} ligt buiten de looptijd van het plan ({start}-{end})",
            "en": "the reporting year {year} lies outside the plan's period ({start}-{end})",
        },
        "year-outside-plan-hint": {
            "nl": "Is het een tikfout? Anders: pas `period` aan, of beschrijf het plan van dat jaar onder `plans`.",
            "en": "Is it a typo? Otherwise: change `period`, or describe the plan of that year under `plans`.",
        },
        "no-final-newline": {
            "nl": "de laatste regel eindigt niet met een regeleinde; is het bestand afgebroken?",
            "en": "the last line does not end with a line break; was the file cut off?",
        },
        "no-final-newline-hint": {
            "nl": "Controleer of het einde van het bestand compleet is, en sluit af met een lege regel.",
            "en": "Check that the end of the file is complete, and end it with a line break.",
        },
        "invisible": {
            "nl": "de tekst '{key}' bevat een onzichtbaar of tekstrichting-teken ({char})",
            "en": "the text '{key}' holds an invisible or text-direction character ({char})",
        },
        "invisible-hint": {
            "nl": "Zulke tekens komen mee bij kopiëren en plakken en kunnen tekst anders laten lezen dan hij is; verwijder het.",
            "en": "Such characters come along with copy and paste and can make text read other than it is; remove it.",
        },
    },
)
