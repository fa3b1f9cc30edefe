"""Links that carry a record's id signed: a sign-up's or a booking's own page, a donor's lookup answer.

Whoever holds the link opens the page, so the id is signed (with a salt of its own for each kind of link) and, unless
it must last (a printed QR code), dated: an old, tampered or malformed link is a 404, never an error.
"""

from datetime import timedelta

from django.core import signing
from django.http import Http404


class SignedLink:
    """`token(pk)` for the address, `pk(token)` back from it (Http404 for any token not signed here and in date)."""

    def __init__(self, salt: str, max_age: timedelta | None = None):
        self.salt, self.max_age = salt, max_age

    def token(self, pk: int) -> str:
        if self.max_age is None:
            return signing.Signer(salt=self.salt).sign_object(pk)
        return signing.dumps(pk, salt=self.salt, compress=True)

    def pk(self, token: str) -> int:
        try:
            if self.max_age is None:
                pk = signing.Signer(salt=self.salt).unsign_object(token)
            else:
                pk = signing.loads(token, salt=self.salt, max_age=self.max_age)
        except (signing.BadSignature, TypeError, ValueError) as error:  # SignatureExpired included
            raise Http404 from error
        if not isinstance(pk, int):
            raise Http404
        return pk
