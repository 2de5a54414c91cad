from warmnet.network.models.audit import AuditEntry
from warmnet.network.models.member import Member, Role, members_on
from warmnet.network.models.network import (
    Network,
    NetworkOwned,
    current_data_version,
    data_changed,
)
from warmnet.network.models.organisation import Organisation, OrganisationKind

__all__ = [
    "AuditEntry",
    "Member",
    "Network",
    "NetworkOwned",
    "Organisation",
    "OrganisationKind",
    "Role",
    "current_data_version",
    "data_changed",
    "members_on",
]
