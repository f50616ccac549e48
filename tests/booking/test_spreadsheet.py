from content.booking.spreadsheet import formula_safe


def test_cells_that_a_spreadsheet_would_run_get_a_quote():
    for typed in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"):
        assert formula_safe(typed) == "'" + typed


def test_other_cells_are_unchanged():
    for value in ("Riley", "(510) 555-0188", "a=b", " =1", "", None, 5, True):
        assert formula_safe(value) == value
