"""The one rule for phone links: ``tel:`` with the digits, +1 for a 10-digit US number."""


def tel_href(phone: str) -> str:
    """'(510) 555-0188' -> 'tel:+15105550188'; '988' -> 'tel:988'; '' -> ''."""
    phone = phone or ""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    if phone.strip().startswith("+"):
        return f"tel:+{digits}"
    return f"tel:+1{digits}" if len(digits) == 10 else f"tel:{digits}"
