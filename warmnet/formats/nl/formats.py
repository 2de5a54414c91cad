"""Dutch: month names in lower case, as Dutch writes them ("15 jan 2027")."""

SHORT_DATE_FORMAT = "j b Y"
SHORT_DATETIME_FORMAT = "j b Y H:i"
