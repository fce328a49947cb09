"""The secrets of invitations, without Django: a one-time code for a paper slip and a token for an e-mail link.

A code is 10 symbols of Crockford's base 32 (no I, L, O, U: nothing to misread on paper), 50 random bits,
printed as two groups «7K3QX-9MZ2D». Typed back, case, spaces and dashes do not matter, and O, I, L read as
0, 1, 1. Only a hash of either secret is stored, so a leaked database holds no usable code."""

import hashlib
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10
CODE_BITS = 50  # CODE_LENGTH × log2(len(ALPHABET))
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def normalize(typed: str) -> str:
    """What a person typed, as the code was made: upper case, without separators, misread letters mended."""
    return "".join(ch for ch in typed.upper().translate(_MISREAD) if ch.isalnum())


def printed(code: str) -> str:
    half = CODE_LENGTH // 2
    return f"{code[:half]}-{code[half:]}"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
