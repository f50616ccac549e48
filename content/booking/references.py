"""Reference numbers: short enough to read over the phone, random enough not to be guessed."""

import secrets

# Crockford's base 32: no I, L, O or U, so nothing is misread (40 bits in 8 characters).
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{chars[:4]}-{chars[4:]}"
