"""TLS settings for tcp:// engines (docker-py's ``docker.tls.TLSConfig`` surface)."""
from __future__ import annotations

import os


class TLSConfig:
    """Client certificate, CA and verification for an ``https`` engine endpoint."""

    def __init__(self, client_cert=None, ca_cert=None, verify=None, ssl_version=None,
                 assert_hostname=None, assert_fingerprint=None):
        from swarmctl.errors import TLSParameterError

        self.assert_hostname = assert_hostname
        self.cert = None
        if client_cert:
            try:
                cert_file, key_file = client_cert
            except ValueError:
                raise TLSParameterError(
                    "client_cert must be a tuple of (client certificate, key file)"
                ) from None
            if not (cert_file and os.path.isfile(cert_file)) or not (key_file and os.path.isfile(key_file)):
                raise TLSParameterError("Path to a certificate and key files must be provided through the client_cert param")
            self.cert = (cert_file, key_file)
        self.verify = verify
        self.ca_cert = ca_cert
        if self.verify and self.ca_cert and not os.path.isfile(self.ca_cert):
            raise TLSParameterError("Invalid CA certificate provided for `ca_cert`.")

    def configure_client(self, client):
        """Apply these settings to a requests session."""
        if self.verify and self.ca_cert:
            client.verify = self.ca_cert
        else:
            client.verify = bool(self.verify)
        if self.cert:
            client.cert = self.cert
