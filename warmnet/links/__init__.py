"""Signed single-purpose links: the one way into Warmnet without logging in.

A link names a :class:`Purpose` (``rsvp``, ``feed``, ...) and the ids of its
subjects (a member, an activity).  :func:`make_token` signs them with Django's
signing under a salt per purpose, with an expiry; the token is the only thing
in the URL.  Views behind such a URL are wrapped in :func:`signed_link_view`,
which reads the token for *its* purpose only (a token of another purpose, or
with any id changed, fails the signature: 404), turns an expired one into a
"this link has expired" page (410), and hands the view a :class:`Link`.

The ids inside a token are internal row numbers (base64 of ``[12, 345, ...]``
followed by the signature), never names, e-mail addresses or reasons; a reader
of the URL learns nothing about the person.  ``tests/links/test_every_link.py``
walks every route wrapped here and tries each token on the others.
"""

from warmnet.links.signed import (
    ExpiredLink,
    InvalidLink,
    Link,
    Purpose,
    make_token,
    purpose,
    purposes,
    read_token,
    signed_link_view,
)

__all__ = [
    "ExpiredLink",
    "InvalidLink",
    "Link",
    "Purpose",
    "make_token",
    "purpose",
    "purposes",
    "read_token",
    "signed_link_view",
]
