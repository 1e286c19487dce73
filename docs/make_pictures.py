"""Make the pictures of docs/rendering.md from the example plan ``examples/voorbeeldstad-2025-2028.yaml``.

Run from the repository root (needs Graphviz's ``dot`` and the ``charts`` extra)::

    python docs/make_pictures.py

Every picture is made through the public API, exactly as the command line makes
it, so the docs show what users get.  The output is deterministic: running it
twice changes no file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from agenda import load
from agenda.query.budget import budget
from agenda.render._backend import render_image
from agenda.render.budget_table import render_budget
from agenda.render.charts import render_chart, render_theme_charts
from agenda.render.dot import render_dot
from agenda.render.matrix import render_matrix

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "examples" / "voorbeeldstad-2025-2028.yaml"
OUT = ROOT / "docs" / "img"
YEAR = 2025


def main() -> int:
    """Write every picture and sample file into docs/img/; return 0."""
    plan = load(PLAN)
    OUT.mkdir(exist_ok=True)
    written: dict[str, bytes] = {}
    whole = render_dot(plan, YEAR)
    written["rendering-diagram.svg"] = render_image(whole, "svg")
    written["rendering-diagram.png"] = render_image(whole, "png")
    theme = render_dot(plan, YEAR, theme="jeugd", lang="en")
    written["rendering-theme-jeugd.en.svg"] = render_image(theme, "svg")
    first_action = next(plan.actions()).id
    written["rendering-around.svg"] = render_image(render_dot(plan, YEAR, around=first_action, depth=2), "svg")
    indicator = plan.indicators[0].id
    written["rendering-chart.svg"] = render_chart(plan, indicator, YEAR)
    written["rendering-chart.png"] = render_chart(plan, indicator, YEAR, "png")
    written["rendering-theme-charts.png"] = render_theme_charts(plan, "woon-en-leefomgeving", YEAR, "png")
    matrix_html = render_matrix(plan, YEAR, "html")
    assert isinstance(matrix_html, str)
    written["rendering-matrix.html"] = matrix_html.encode("utf-8")
    written["rendering-budget.txt"] = render_budget(budget(plan), "text").encode("utf-8")
    for name, data in written.items():
        (OUT / name).write_bytes(data)
        print(f"wrote docs/img/{name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
