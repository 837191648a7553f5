"""The search gateway's text normalisation, which lives in tasharuk.text_normalization so the
vocabulary (which search uses) can share it without the two apps importing each other."""

from tasharuk.text_normalization import (  # noqa: F401 — the gateway's public names
    ARABIC_PARTICLES,
    PARTICLE_INITIALS,
    nfkc,
    normalize,
    particle_forms,
    strip_particles,
    tokens,
    words,
)
