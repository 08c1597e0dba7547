"""Look-ups the service commands need: nodes, networks, secrets, configs."""
from __future__ import annotations

import base64

from swarmctl.utils.convert import convert_filters
from swarmctl.utils.decorators import check_resource, minimum_version


def _filter_params(filters):
    return {"filters": convert_filters(filters)} if filters else {}


class ResourcesApiMixin:
    # -- nodes -------------------------------------------------------------------------------
    @minimum_version("1.24")
    def nodes(self, filters=None):
        return self._result(self._get(self._url("/nodes"), params=_filter_params(filters)), json=True)

    @check_resource("node_id")
    @minimum_version("1.24")
    def inspect_node(self, node_id):
        return self._result(self._get(self._url("/nodes/{0}", node_id)), json=True)

    # -- networks ----------------------------------------------------------------------------
    def networks(self, names=None, ids=None, filters=None):
        filters = dict(filters or {})
        if names:
            filters["name"] = names
        if ids:
            filters["id"] = ids
        return self._result(self._get(self._url("/networks"), params=_filter_params(filters)), json=True)

    @check_resource("net_id")
    def inspect_network(self, net_id, verbose=None, scope=None):
        params = {}
        if verbose is not None:
            params["verbose"] = verbose
        if scope is not None:
            params["scope"] = scope
        return self._result(self._get(self._url("/networks/{0}", net_id), params=params), json=True)

    def create_network(self, name, driver=None, options=None, ipam=None, check_duplicate=None,
                       internal=False, labels=None, enable_ipv6=False, attachable=None,
                       scope=None, ingress=None):
        data = {
            "Name": name, "Driver": driver, "Options": options, "IPAM": ipam,
            "CheckDuplicate": check_duplicate, "Internal": internal or None, "Labels": labels,
            "EnableIPv6": enable_ipv6 or None, "Attachable": attachable, "Scope": scope,
            "Ingress": ingress,
        }
        return self._result(self._post_json(self._url("/networks/create"), data), json=True)

    @check_resource("net_id")
    def remove_network(self, net_id):
        self._raise_for_status(self._delete(self._url("/networks/{0}", net_id)))

    # -- secrets and configs -----------------------------------------------------------------
    @minimum_version("1.25")
    def secrets(self, filters=None):
        return self._result(self._get(self._url("/secrets"), params=_filter_params(filters)), json=True)

    @check_resource("id")
    @minimum_version("1.25")
    def inspect_secret(self, id):
        return self._result(self._get(self._url("/secrets/{0}", id)), json=True)

    @minimum_version("1.25")
    def create_secret(self, name, data, labels=None, driver=None):
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels}
        if driver is not None:
            body["Driver"] = driver
        return self._result(self._post_json(self._url("/secrets/create"), body), json=True)

    @check_resource("id")
    @minimum_version("1.25")
    def remove_secret(self, id):
        self._raise_for_status(self._delete(self._url("/secrets/{0}", id)))
        return True

    @minimum_version("1.30")
    def configs(self, filters=None):
        return self._result(self._get(self._url("/configs"), params=_filter_params(filters)), json=True)

    @check_resource("id")
    @minimum_version("1.30")
    def inspect_config(self, id):
        return self._result(self._get(self._url("/configs/{0}", id)), json=True)

    @minimum_version("1.30")
    def create_config(self, name, data, labels=None, templating=None):
        if isinstance(data, str):
            data = data.encode("utf-8")
        body = {"Data": base64.b64encode(data).decode("ascii"), "Name": name, "Labels": labels,
                "Templating": templating}
        return self._result(self._post_json(self._url("/configs/create"), body), json=True)

    @check_resource("id")
    @minimum_version("1.30")
    def remove_config(self, id):
        self._raise_for_status(self._delete(self._url("/configs/{0}", id)))
        return True
