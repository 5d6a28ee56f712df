"""Talking to the live server over real HTTP, as a browser would, for the proof."""

import http.client
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class Browser:
    """A minimal HTTP client with cookies and no redirect following, for the live server."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None, headers=None):
        connection_ = http.client.HTTPConnection(self.host, self.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        connection_.request(method, path, body=body, headers=headers)
        response = connection_.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection_.close()
        return response

    def get(self, path: str, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, data: dict):
        """POST a form as a browser would: the CSRF token from the page, then the form."""
        page = self.get(path)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path}"
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token.group(1)})
