from warmnet.network.models.audit import AuditEntry
from warmnet.network.models.member import Member, Role
from warmnet.network.models.network import Network, NetworkOwned
from warmnet.network.models.organisation import Organisation, OrganisationKind

__all__ = [
    "AuditEntry",
    "Member",
    "Network",
    "NetworkOwned",
    "Organisation",
    "OrganisationKind",
    "Role",
]
