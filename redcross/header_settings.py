"""Settings: the security headers every response carries, the same in every deployment (star-imported by
redcross/settings.py)."""

from csp import constants as csp

# Everything the pages use is served by the portal itself: no CDN, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "img-src": [csp.SELF, "data:"],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "form-action": [csp.SELF],
        "frame-ancestors": [csp.NONE],
    }
}

SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sent by redcross.middleware.SecurityHeadersMiddleware. Only the bases page uses a device feature: the phone's
# position, for "nearest first".
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    **{feature: [] for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "gyroscope", "hid",
        "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial",
        "usb", "xr-spatial-tracking",
    )},
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
