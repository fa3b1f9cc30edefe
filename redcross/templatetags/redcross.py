from urllib.parse import urlencode

from django import template

from redcross import formats, masking

register = template.Library()

register.filter("yuan", formats.yuan)
register.filter("mask_phone", masking.mask_phone)
register.filter("mask_name", masking.mask_name)


@register.simple_tag
def amap_url(latitude, longitude, name: str) -> str:
    """A link that opens the place in Amap (高德地图), the app or its mobile site, to navigate there."""
    query = urlencode({"position": f"{longitude},{latitude}", "name": name, "src": "redcross-portal"})
    return f"https://uri.amap.com/marker?{query}"
