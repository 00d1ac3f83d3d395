"""Pure builders: plain data in, LINE message objects (dicts in LINE's JSON shape) out, limits enforced."""
