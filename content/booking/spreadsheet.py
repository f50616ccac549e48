"""Spreadsheet-safe cells for the intake export (OWASP "CSV injection").

A cell that starts with '=', '+', '-' or '@' (or a tab or carriage return, which some
spreadsheets skip before reading a formula) is opened as a formula. Whatever a person typed into
the public form must arrive on the coordinator's computer as text, so such cells get a leading
single quote, which spreadsheets read as "this is text" and do not evaluate.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
