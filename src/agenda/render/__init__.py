"""Renderers: diagrams, the goal/action matrix, budget tables and indicator charts, from query results."""
