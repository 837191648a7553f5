"""Members' contributions to the library: what they submit, rate, say, collect and share."""
