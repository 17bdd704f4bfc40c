"""Headers every answer carries, and the visit cookie when a visit was just made.

The pages load nothing from another host and run no inline script, so the policy can be strict:
scripts, styles and pictures only from this server, no framing, no referrer sent anywhere.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

COOKIE = "kunjungan"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def visit_cookie(token: str, settings: Settings) -> str:
    cookie: SimpleCookie = SimpleCookie()
    cookie[COOKIE] = token
    morsel = cookie[COOKIE]
    morsel["path"] = (settings.root_path or "") + "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    morsel["max-age"] = str(int(settings.retention_seconds))
    if settings.secure_cookie:
        morsel["secure"] = True
    return morsel.OutputString()


class SecurityHeaders:
    """Pure ASGI middleware: adds ``HEADERS`` (and a new visit's cookie) to every HTTP answer."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])]
                present = {k.lower() for k, _ in headers}
                for name, value in HEADERS.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                if b"cache-control" not in present:
                    static = scope.get("path", "").startswith("/static/")
                    headers.append((b"cache-control", b"public, max-age=3600" if static else b"no-store"))
                token = scope.get("state", {}).get("visit_cookie")
                if token:
                    headers.append((b"set-cookie", visit_cookie(token, self.settings).encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
