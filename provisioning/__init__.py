"""Device identity, LAN advertisement, pairing and the management API (no Qt).

Exceptions::

    ProvisioningError
     +-- IdentityError       (the device key or certificate cannot be read, made or stored)
"""


class ProvisioningError(Exception):
    """Base of every error raised by the provisioning package."""


class IdentityError(ProvisioningError):
    """The device identity cannot be read, made or stored; the message says which file and why."""
