import web.environment  # noqa: F401  (configures Django before pytest-django looks)
from web.fixtures import *  # noqa: F403
