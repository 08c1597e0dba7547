"""TLS settings for tcp:// engines (docker-py's ``docker.tls.TLSConfig`` surface).

``verify`` follows docker-py: True verifies (against ``ca_cert`` when given, and then only
against it, as the Docker CLI does), a string is a CA bundle path, False/None does not
verify. Without verification swarmctl stays quiet, as docker does: no urllib3
``InsecureRequestWarning`` on stderr (the library never prints).
"""
from __future__ import annotations

import os

from swarmctl.config.errors import TLSParameterError


class TLSConfig:
    """Client certificate, CA and verification for an ``https`` engine endpoint."""

    def __init__(self, client_cert=None, ca_cert=None, verify=None, ssl_version=None,
                 assert_hostname=None, assert_fingerprint=None):
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

    def __repr__(self):
        return (f"TLSConfig(client_cert={self.cert!r}, ca_cert={self.ca_cert!r}, "
                f"verify={self.verify!r})")

    def configure_client(self, client):
        """Apply these settings to a requests session.

        Besides ``client.verify``/``client.cert`` (docker-py's attributes), an ``https://``
        adapter pins them: requests would otherwise let ``REQUESTS_CA_BUNDLE`` or
        ``CURL_CA_BUNDLE`` replace the engine's CA, which the Docker CLI never does.
        """
        if self.verify and self.ca_cert:
            client.verify = self.ca_cert
        elif isinstance(self.verify, str):
            client.verify = self.verify
        else:
            client.verify = bool(self.verify)
        if self.cert:
            client.cert = self.cert
        client.mount("https://", engine_https_adapter(client.verify, self.cert))


def engine_https_adapter(verify, cert=None):
    """A requests adapter for ``https://`` that always uses this ``verify``/``cert``, and
    does not warn when verification is off (``--tls``, skip-tls-verify: docker is quiet)."""
    import requests.adapters
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    class QuietHTTPSConnectionPool(HTTPSConnectionPool):
        def _validate_conn(self, conn):
            # HTTPSConnectionPool's version minus its InsecureRequestWarning.
            HTTPConnectionPool._validate_conn(self, conn)
            if conn.is_closed:
                conn.connect()

    class EngineHTTPSAdapter(requests.adapters.HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            super().init_poolmanager(*args, **kwargs)
            if not verify:
                self.poolmanager.pool_classes_by_scheme = {
                    "http": HTTPConnectionPool, "https": QuietHTTPSConnectionPool,
                }

        def send(self, request, stream=False, timeout=None, verify=None, cert=None, proxies=None):
            return super().send(request, stream=stream, timeout=timeout, verify=pinned_verify,
                                cert=pinned_cert, proxies=proxies)

    pinned_verify, pinned_cert = verify, cert
    return EngineHTTPSAdapter()
