"""Settings for the whole suite."""

from hypothesis import settings

# Timing belongs in benchmarks/, not in tests: a loaded CI machine must not fail an example for
# being slow.
settings.register_profile("gongkai", deadline=None)
settings.load_profile("gongkai")
