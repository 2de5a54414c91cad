"""The JSON API under ``/api/v1/`` and the personal tokens that open it.

A token belongs to one user and one network, reads or reads and writes, and
expires; every request with it is scoped by :mod:`warmnet.api.scoping` exactly as
the pages are by :mod:`warmnet.network.scoping`.
"""
