"""Offline packs: a source (public collection, shared agenda, training program, …) as one ZIP
with a static HTML copy, a PDF and a signed manifest (sources, build, store)."""
