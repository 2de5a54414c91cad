"""Calendar import: events from an ``.ics`` file (Outlook, Google, Apple) become activities.

``scan`` checks the raw lines and knows where each event sits in the file;
``reader`` parses the events and expands recurring ones within a bounded window;
``kinds`` guesses an activity's kind from its title; ``plan`` matches events to
activities (by UID, see :mod:`warmnet.activities.uids`) and attendees to members
(by e-mail); ``service`` ties them together, all or nothing, for the web page and
the command line alike.
"""
