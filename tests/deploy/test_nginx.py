"""The nginx configuration in deploy/ passes `nginx -t`, inside a throwaway prefix (its paths for
certificates, logs and static files pointed into a temporary folder)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
# Debian's nginx-light, installed by scripts/install-system-deps.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _self_signed(folder: Path) -> None:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=gongkai.example.gov.cn",
            "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def _main_config(tmp_path: Path, site: str) -> Path:
    """A minimal nginx.conf around the site file, as Debian's includes sites-enabled."""
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/error.log;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"  access_log {tmp_path}/access.log;\n"
        f"  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n"
        f"  include {site};\n"
        "}\n",
        encoding="utf-8",
    )
    return config


def _site(tmp_path: Path) -> Path:
    text = (DEPLOY / "nginx" / "gongkai.conf").read_text(encoding="utf-8")
    for real, temporary in {
        "/etc/ssl/gongkai/": f"{tmp_path}/",
        "/var/log/nginx/": f"{tmp_path}/",
        "/srv/gongkai/static/": f"{tmp_path}/static/",
    }.items():
        assert real in text, real
        text = text.replace(real, temporary)
    site = tmp_path / "gongkai.conf"
    site.write_text(text, encoding="utf-8")
    return site


def test_the_nginx_config_passes_nginx_t(tmp_path: Path) -> None:
    _self_signed(tmp_path)
    (tmp_path / "static").mkdir()
    config = _main_config(tmp_path, str(_site(tmp_path)))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_t_would_catch_a_broken_config(tmp_path: Path) -> None:
    _self_signed(tmp_path)
    site = _site(tmp_path)
    site.write_text(site.read_text(encoding="utf-8").replace("proxy_pass", "proxy_pas"))
    config = _main_config(tmp_path, str(site))
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0


def test_nginx_allows_the_sites_upload_limit() -> None:
    text = (DEPLOY / "nginx" / "gongkai.conf").read_text(encoding="utf-8")
    assert "client_max_body_size 21m;" in text  # GONGKAI_MAX_UPLOAD_MB (20) and the form
    assert "location /files/" in text  # uploaded reports only through the permission check
