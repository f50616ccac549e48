"""US Spanish date and number formats for the site's Spanish locale (FORMAT_MODULE_PATH in settings/base.py).

Mirrors kapsite/formats/en/formats.py: templates use Django's `date` filter with these names and
Python code uses django.utils.formats.date_format. Spanish writes the day first ("1 de noviembre de
2026"), months in lower case, and the 12-hour clock used in the United States.
Numbers keep the US decimal point and thousands comma, as Spanish-language US sources do.
"""

DATE_FORMAT = r"j \d\e F \d\e Y"  # 1 de noviembre de 2026
DATETIME_FORMAT = r"j \d\e F \d\e Y, g:i A T"  # 1 de noviembre de 2026, 2:30 PM PST
YEAR_MONTH_FORMAT = r"F \d\e Y"  # noviembre de 2026
MONTH_DAY_FORMAT = r"j \d\e F"  # 1 de noviembre
SHORT_DATE_FORMAT = "d/m/Y"  # 01/11/2026
SHORT_DATETIME_FORMAT = "d/m/Y g:i A"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
