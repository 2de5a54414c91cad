"""A real SMTP server (aiosmtpd) in the test process, and the mails it received.

Addresses with ``bounce`` in them are refused at RCPT (550, as a mail server
refuses an unknown user); while ``Mailbox.down`` is set every mail is turned away
with a passing fault (451), as a busy server does.
"""

from __future__ import annotations

import email
import email.policy
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    envelope_from: str
    envelope_to: list[str]
    message: EmailMessage

    def part(self, content_type: str) -> Any:
        for part in self.message.walk():
            if part.get_content_type() == content_type:
                return part
        return None

    def text(self) -> str:
        return str(self.part("text/plain").get_content())

    def html(self) -> str:
        return str(self.part("text/html").get_content())

    def ics(self) -> bytes | None:
        for part in self.message.walk():
            if part.get_filename() and part.get_filename().endswith(".ics"):
                return bytes(part.get_payload(decode=True))
        return None


@dataclass
class Mailbox:
    host: str
    port: int
    received: list[Received] = field(default_factory=list)
    down: bool = False

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if "bounce" in address:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.down:
            return "451 4.3.0 Try again later"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.envelope_to]


def start_mailbox() -> Iterator[Mailbox]:
    port = free_port()
    box = Mailbox("127.0.0.1", port)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
