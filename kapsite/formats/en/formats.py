"""US English date formats for the site's English locale (FORMAT_MODULE_PATH in settings/base.py).

Templates format dates with Django's `date` filter and these names (`{{ day|date }}`,
`|date:"DATETIME_FORMAT"`) and Python code with django.utils.formats.date_format, never with a
hand-written day-month order: "November 1, 2026", not "1 November 2026".
"""

DATE_FORMAT = "F j, Y"  # November 1, 2026
DATETIME_FORMAT = "F j, Y, g:i A T"  # November 1, 2026, 2:30 PM PST
YEAR_MONTH_FORMAT = "F Y"  # November 2026
MONTH_DAY_FORMAT = "F j"  # November 1
SHORT_DATE_FORMAT = "m/d/Y"  # 11/01/2026
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
