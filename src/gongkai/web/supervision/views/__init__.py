"""The supervisor's pages (``pages``), actions (``actions``) and downloads (``downloads``)."""

from gongkai.web.supervision.views.pages import default_year, latest_year

__all__ = ["default_year", "latest_year"]
