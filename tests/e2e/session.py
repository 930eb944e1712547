"""Logging in and out in the browser tests, as a user does: the login form and the 退出 button."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from web.fixtures import PASSWORD


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the form (whoever was logged in before is forgotten first)."""
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("您好")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
