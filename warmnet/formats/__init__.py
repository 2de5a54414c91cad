"""Date formats of the product, over Django's own per language (``FORMAT_MODULE_PATH``).

Short dates name the month ("15 jan 2027", "15 Jan 2027") instead of numbering it
("15-1-2027"): a date in a table reads at a glance, in either language, and a day and
month can never be taken for each other.
"""
