from django import template

from redcross import formats, masking

register = template.Library()

register.filter("yuan", formats.yuan)
register.filter("mask_phone", masking.mask_phone)
register.filter("mask_name", masking.mask_name)
