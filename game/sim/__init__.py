"""The deterministic world: no arcade drawing, no windows, no clocks."""
