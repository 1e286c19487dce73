"""YAML syntax errors said in plain Dutch (and English), at the place where the problem starts.

libyaml stops at the first syntax error with an English sentence ("mapping values are
not allowed in this context") and a position that is often where it *noticed* the
problem, not where it *is*: a missing closing quote is noticed at the end of the file.
:func:`explain` turns the error into one :class:`~agenda.errors.Problem`:

* a sentence for the programme manager saying what is wrong (an unclosed quote, a key
  indented further or less than the lines above it, a colon inside a text, a missing
  colon, a bracket that is never closed, a tab, a character that cannot start a text …);
* the place where the problem starts: the opening quote or bracket (libyaml's
  *context* mark) rather than the end of the file;
* the id of the item it sits in, read from the nearest ``id:`` line above;
* the line itself with a caret under the place, after the hint.

One typo gives one problem: libyaml stops at the first error, and nothing after it is
reported.  The problem's code stays ``syntax``.
"""

from __future__ import annotations

import re
from typing import Any

from agenda._i18n import Catalog
from agenda.errors import Problem, Severity
from agenda.model import Location

__all__ = ["excerpt", "explain", "explain_reader_error"]

_T = Catalog(
    "yaml-syntax",
    {
        "quote": {"nl": "de tekst die hier met {quote} begint, wordt nergens afgesloten",
                  "en": "the text that starts here with {quote} is never closed"},
        "quote-hint": {"nl": "Zet een {quote} aan het eind van de tekst, op deze regel.",
                       "en": "Put a {quote} at the end of the text, on this line."},
        "deeper": {"nl": "'{key}' springt verder in dan de regel erboven",
                   "en": "'{key}' is indented further than the line above it"},
        "deeper-hint": {"nl": "Laat '{key}' even ver inspringen als '{prev}' op regel {line} (alleen spaties).",
                        "en": "Indent '{key}' as far as '{prev}' on line {line} (spaces only)."},
        "less": {"nl": "'{key}' springt minder ver in dan de regels erboven",
                 "en": "'{key}' is indented less than the lines above it"},
        "less-hint": {"nl": "Laat '{key}' even ver inspringen als de andere sleutels van dit onderdeel (alleen spaties).",
                      "en": "Indent '{key}' as far as the other keys of this item (spaces only)."},
        "indent": {"nl": "de inspringing van deze regel past niet bij de regels erboven",
                   "en": "the indentation of this line does not fit the lines above it"},
        "indent-hint": {"nl": "Laat sleutels van hetzelfde onderdeel even ver inspringen, met spaties.",
                        "en": "Indent the keys of one item equally far, with spaces."},
        "colon": {"nl": "in deze tekst staat een dubbele punt met een spatie erachter (': ')",
                  "en": "this text contains a colon followed by a space (': ')"},
        "colon-hint": {"nl": "Zet de hele tekst tussen aanhalingstekens: {fix}",
                       "en": "Put the whole text in quotes: {fix}"},
        "no-colon": {"nl": "op deze regel ontbreekt de dubbele punt na '{word}'",
                     "en": "the colon after '{word}' is missing on this line"},
        "no-colon-hint": {"nl": "Schrijf 'sleutel: waarde', met een dubbele punt en een spatie.",
                          "en": "Write 'key: value', with a colon and a space."},
        "after-quote": {"nl": "na de tekst tussen aanhalingstekens staat nog iets op deze regel",
                        "en": "something follows the quoted text on this line"},
        "after-quote-hint": {"nl": "Zet de hele tekst tussen aanhalingstekens, of zet commentaar achter een #.",
                             "en": "Put the whole text in quotes, or put a comment after a #."},
        "dash": {"nl": "hier staat een lijstregel (-) tussen sleutels van een onderdeel",
                 "en": "a list entry (-) stands among the keys of an item"},
        "dash-hint": {"nl": "Haal het streepje weg, of zet de lijst onder een eigen sleutel (bijvoorbeeld 'actions:').",
                      "en": "Remove the dash, or put the list under a key of its own (for example 'actions:')."},
        "dash-space": {"nl": "na het streepje (-) ontbreekt een spatie", "en": "the dash (-) is not followed by a space"},
        "dash-space-hint": {"nl": "Schrijf '- ' (streepje en spatie) aan het begin van een lijstregel.",
                            "en": "Write '- ' (dash and space) at the start of a list entry."},
        "dash-inline": {"nl": "een lijst met streepjes (-) kan niet achter een sleutel op dezelfde regel staan",
                        "en": "a list with dashes (-) cannot follow a key on the same line"},
        "dash-inline-hint": {"nl": "Begin de lijst op de volgende regel, verder ingesprongen, of schrijf [a, b].",
                             "en": "Start the list on the next line, indented further, or write [a, b]."},
        "flow": {"nl": "de {open} op deze regel wordt niet gesloten met {close}",
                 "en": "the {open} on this line is not closed with {close}"},
        "flow-hint": {"nl": "Sluit af met {close}, en scheid de delen met komma's.",
                      "en": "Close it with {close}, and separate the parts with commas."},
        "char": {"nl": "een tekst kan niet met {char} beginnen", "en": "a text cannot start with {char}"},
        "char-hint": {"nl": "Zet de tekst tussen aanhalingstekens: \"{char}…\".",
                      "en": "Put the text in quotes: \"{char}…\"."},
        "tab": {"nl": "hier staat een tab waar YAML spaties verwacht", "en": "a tab stands where YAML expects spaces"},
        "tab-hint": {"nl": "Gebruik spaties om in te springen, geen tabs.", "en": "Indent with spaces, not tabs."},
        "escape": {"nl": "tussen dubbele aanhalingstekens staat een onbekende code met \\",
                   "en": "an unknown code with \\ stands inside double quotes"},
        "escape-hint": {"nl": "Gebruik enkele aanhalingstekens ('…'), of schrijf \\\\ voor een \\.",
                        "en": "Use single quotes ('…'), or write \\\\ for a \\."},
        "line-rest": {"nl": "na {what} mag op deze regel niets meer staan",
                      "en": "nothing may follow {what} on this line"},
        "line-rest-hint": {"nl": "Zet de tekst op de volgende regels, verder ingesprongen; commentaar achter een #.",
                           "en": "Put the text on the next lines, indented further; comments after a #."},
        "w-block": {"nl": "| of >", "en": "| or >"},
        "w-this": {"nl": "dit", "en": "this"},
        "no-value": {"nl": "hier ontbreekt een waarde", "en": "a value is missing here"},
        "no-value-hint": {"nl": "Vul een waarde in, of haal de losse komma of het losse teken weg.",
                          "en": "Fill in a value, or remove the stray comma or character."},
        "stray": {"nl": "deze regel past niet in de opbouw van het bestand",
                  "en": "this line does not fit the structure of the file"},
        "stray-hint": {"nl": "Controleer de inspringing: springt deze regel even ver in als de regels van zijn onderdeel?",
                       "en": "Check the indentation: is this line indented as far as the lines of its item?"},
        "question": {"nl": "een regel kan niet met '? ' beginnen", "en": "a line cannot start with '? '"},
        "question-hint": {"nl": "Schrijf 'sleutel: waarde'; zet een vraag tussen aanhalingstekens.",
                          "en": "Write 'key: value'; put a question in quotes."},
        "directive": {"nl": "YAML-aanwijzingen (% en !) worden in een agenda niet gebruikt",
                      "en": "YAML directives and tags (% and !) are not used in a plan"},
        "directive-hint": {"nl": "Haal de aanwijzing weg, of zet de tekst tussen aanhalingstekens.",
                           "en": "Remove the directive, or put the text in quotes."},
        "block": {"nl": "het teken na | of > is geen geldige aanduiding", "en": "the sign after | or > is not valid"},
        "block-hint": {"nl": "Schrijf alleen | of > en zet de tekst op de volgende regels, verder ingesprongen.",
                       "en": "Write just | or > and put the text on the next lines, indented further."},
        "control": {"nl": "het onzichtbare teken {code} mag niet in het bestand staan",
                    "en": "the invisible character {code} is not allowed in the file"},
        "control-hint": {"nl": "Verwijder dit onzichtbare teken (het komt vaak mee bij kopiëren en plakken).",
                         "en": "Remove this invisible character (it often comes along with copy and paste)."},
        "other": {"nl": "hier klopt de opbouw van het bestand niet", "en": "the structure of the file is wrong here"},
        "other-hint": {"nl": "Controleer de inspringing (alleen spaties), dubbele punten en aanhalingstekens rond deze plek.",
                       "en": "Check the indentation (spaces only), colons and quotes around this place."},
    },
)

_LANGS = ("nl", "en")
_KEY_LINE = re.compile(r"(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[^\s:#'\"{}\[\],][^:#]*?|'[^']*'|\"[^\"]*\"):(?:[ \t]|$)")
_ID_LINE = re.compile(r"(?P<lead>[ ]*(?:-[ ]+)?)id:[ ]+['\"]?(?P<id>[^\s'\"#,}]+)")
_CLOSE = {"{": "}", "[": "]"}


def explain(exc: Any, text: str, file: str) -> Problem:
    """The Problem for a :class:`yaml.MarkedYAMLError` raised while parsing ``text``."""
    problem = str(getattr(exc, "problem", None) or getattr(exc, "context", None) or "")
    context = str(getattr(exc, "context", None) or "")
    pmark, cmark = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    mark = pmark or cmark
    index = _index(mark, text)
    lines = text.split("\n")
    key, fields, at = _classify(problem, context, text, lines, index, _index(cmark, text))
    line, col = _line_col(text, at)
    hint_fields = dict(fields)
    return Problem(
        code="syntax", severity=Severity.ERROR, location=Location(file, line, col), item=_item_at(lines, line),
        text={lang: _T(key, lang, **_localised(fields, lang)) for lang in _LANGS},
        hint={lang: _T(f"{key}-hint", lang, **_localised(hint_fields, lang)) + excerpt(lines, line, col)
              for lang in _LANGS},
    )


def explain_reader_error(character: int | None, text: str, file: str) -> Problem:
    """The Problem for a control character libyaml's reader refused."""
    index = text.find(chr(character)) if isinstance(character, int) else -1
    line, col = _line_col(text, max(index, 0))
    code = f"U+{character:04X}" if isinstance(character, int) else "?"
    lines = text.split("\n")
    return Problem(
        code="syntax", severity=Severity.ERROR, location=Location(file, line, col), item=_item_at(lines, line),
        text={lang: _T("control", lang, code=code) for lang in _LANGS},
        hint={lang: _T("control-hint", lang) for lang in _LANGS},
    )


def excerpt(lines: list[str], line: int, col: int) -> str:
    """The line ``line`` (1-based) with a caret under column ``col``, as two indented lines after a newline."""
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].rstrip("\r")
    if len(shown) > 160:  # a very long line: show the part around the place
        start = max(0, col - 80)
        shown, col = ("…" if start else "") + shown[start : start + 160], col - start + (1 if start else 0)
    shown = shown.replace("\t", " ")
    number = str(line)
    return f"\n    {number} | {shown}\n    {' ' * len(number)} | {' ' * (col - 1)}^"


# --------------------------------------------------------------------------- classifying


def _index(mark: Any, text: str) -> int:
    if mark is None:
        return 0
    # libyaml counts characters, as Python does; clamp to the text.
    return min(max(int(mark.index), 0), len(text))


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _localised(fields: dict[str, object], lang: str) -> dict[str, object]:
    return {k: (_T(v[1:], lang) if isinstance(v, str) and v.startswith("§") else v) for k, v in fields.items()}


def _classify(problem: str, context: str, text: str, lines: list[str], at: int,
              context_at: int) -> tuple[str, dict[str, object], int]:
    """The catalog key, its fields and the character offset where the problem starts."""
    ch = text[at] if at < len(text) else ""
    line_no, _ = _line_col(text, at)
    line = lines[line_no - 1] if line_no <= len(lines) else ""
    if "quoted scalar" in context and ("end of stream" in problem or "document indicator" in problem
                                       or "document separator" in problem):
        quote = text[context_at] if context_at < len(text) and text[context_at] in "'\"" else '"'
        return "quote", {"quote": quote}, context_at
    if "escape" in problem or "hexdecimal" in problem or "hexadecimal" in problem:
        return "escape", {}, at
    if "tab" in problem or ch == "\t":
        return "tab", {}, at
    if "mapping values are not allowed" in problem:
        return _colon(text, lines, line_no, at)
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        start = context_at if context_at < len(text) and text[context_at] in "[{" else at
        open_ = text[start] if start < len(text) and text[start] in "[{" else ("[" if "']'" in problem else "{")
        return "flow", {"open": open_, "close": _CLOSE[open_]}, start
    if "could not find expected ':'" in problem:
        start = context_at if context_at <= at else at
        word = text[start:].split("\n", 1)[0].strip().split(" ", 1)[0] or "?"
        return "no-colon", {"word": word}, start
    if "cannot start any token" in problem:
        shown = ch if ch and ch not in "\r\n" else "?"
        return "char", {"char": shown}, at
    if "block sequence entries are not allowed" in problem:
        return "dash-inline", {}, at
    if "expected '-' indicator" in problem or ("expected <block end>" in problem and line.lstrip()[:1] != "-"):
        m = _KEY_LINE.match(line)
        if m and len(m["indent"]) + 1 == at - text.rfind("\n", 0, at):
            return "less", {"key": m["key"].strip()}, at
        return "indent", {}, at
    if "expected key" in problem or "expected <block end>" in problem:
        stripped = line.lstrip()
        if stripped.startswith("- ") or stripped == "-":
            return "dash", {}, at
        before = text[text.rfind("\n", 0, at) + 1 : at].rstrip()
        if before.endswith(("'", '"')):
            return "after-quote", {}, at
        return "indent", {}, at
    if "comment or line break" in problem:
        return "line-rest", {"what": "§w-block" if "block scalar" in context else "§w-this"}, at
    if "node content" in problem:
        return "no-value", {}, at
    if "mapping keys are not allowed" in problem:
        return "question", {}, at
    if any(w in problem for w in ("tag", "directive", "%YAML", "%TAG", "URI", "version", "YAML document")) \
            or "directive" in context or "tag" in context or line.startswith("%"):
        return "directive", {}, at
    if "alphabetic or numeric" in problem and ("anchor" in context or "alias" in context):
        return "char", {"char": text[context_at] if context_at < len(text) else "&"}, context_at
    if "indentation indicator" in problem or "block scalar" in context or "digit" in problem:
        return "block", {}, at
    if "document start" in problem or "expected <document" in problem or "<stream end>" in problem:
        return "stray", {}, at
    return "other", {}, at


def _colon(text: str, lines: list[str], line_no: int, at: int) -> tuple[str, dict[str, object], int]:
    """A colon where none is allowed: a key indented too far, or ': ' inside a text."""
    line = lines[line_no - 1]
    line_start = text.rfind("\n", 0, at) + 1
    m = _KEY_LINE.match(line)
    if m and line_start + m.end("key") == at:  # the colon of the line's own key: the key is indented wrongly
        prev_no = line_no - 1
        while prev_no >= 1 and (not lines[prev_no - 1].strip() or lines[prev_no - 1].lstrip().startswith("#")):
            prev_no -= 1
        prev = _KEY_LINE.match(lines[prev_no - 1]) if prev_no >= 1 else None
        key = m["key"].strip()
        if prev is not None and re.match(r"-[^\s-]", prev["key"].strip()):  # "-id: x": the dash needs a space
            start = sum(len(x) + 1 for x in lines[: prev_no - 1]) + len(prev["indent"])
            return "dash-space", {"line": prev_no}, start
        if prev is not None:
            return "deeper", {"key": key, "prev": prev["key"].strip(), "line": prev_no}, line_start + len(m["indent"])
        return "indent", {}, line_start + len(m["indent"])
    # ': ' inside a value: suggest the line with the value in quotes
    fix = line.strip()
    if m is not None:
        value = line[m.end():].strip()
        if value and value[0] not in "'\"":
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            fix = f'{m["key"].strip()}: "{escaped}"'
        return "colon", {"fix": fix}, line_start + m.end()
    return "colon", {"fix": f'"{fix}"'}, at


def _item_at(lines: list[str], line: int) -> str | None:
    """The id of the item the 1-based ``line`` sits in: walk up through the lines that enclose it (less indented)
    to the first that is, or starts, an item with an ``id:``."""
    if not 1 <= line <= len(lines):
        return None
    here = lines[line - 1].expandtabs(8)
    m = _ID_LINE.match(here)
    if m:
        return m["id"]
    limit = len(here) - len(here.lstrip()) if here.strip() else 10**6
    if lines[line - 1].startswith("\t"):  # a tab: take it as meant at the level of the line above
        above = next((x for x in reversed(lines[: line - 1]) if x.strip() and not x.lstrip().startswith("#")), "")
        limit = len(above) - len(above.lstrip()) + 1
    for n in range(line - 1, 0, -1):
        above = lines[n - 1].expandtabs(8)
        stripped = above.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(above) - len(stripped)
        if indent >= limit:
            continue
        limit = indent
        m = _ID_LINE.match(above)
        if m:
            return m["id"]
        if stripped.startswith("- "):  # an item whose id is not its first key: look among its keys
            key_col = indent + 2 + len(stripped[2:]) - len(stripped[2:].lstrip())
            for k in range(n + 1, line):
                inner = lines[k - 1].expandtabs(8)
                found = re.match(" " * key_col + r"id:[ ]+['\"]?(?P<id>[^\s'\"#,}]+)", inner)
                if found:
                    return found["id"]
        if indent == 0:
            return None
    return None
