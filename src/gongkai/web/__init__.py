"""gongkai's web platform: the Django project (settings, urls) and one app per capability.

Only this package imports Django; it calls the library (``gongkai.read``, ``gongkai.check``,
``gongkai.writers``), never the other way round.
"""
