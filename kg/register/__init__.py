"""The division register: the country's administrative divisions, read by both stages.

The pipeline (:mod:`kg.nlp`) finds register names with it; the page linker
(:mod:`kg.link`) resolves them. Neither stage owns it, so it lives here.
"""
