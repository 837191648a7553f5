"""Members' screens, one module per concern; each view parses input, calls a service, renders."""
