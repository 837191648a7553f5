"""Curation's admin screens, one module per report or tool; views stay thin (services do the work)."""
