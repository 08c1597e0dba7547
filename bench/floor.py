#!/usr/bin/env python3
"""The stdlib floor: the least a Python program can do to answer `ls`, `ps` or a completion.

One request over the engine's unix socket with http.client, the body written to stdout.
swarmctl is measured against this to see what click, requests and our own code cost.

    floor.py SOCKET PATH      e.g. floor.py /run/docker.sock '/v1.41/services?status=true'
"""
import http.client
import socket
import sys


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.socket_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.socket_path)


def main():
    socket_path, path = sys.argv[1], sys.argv[2]
    connection = UnixConnection(socket_path)
    connection.request("GET", path)
    response = connection.getresponse()
    sys.stdout.buffer.write(response.read())


if __name__ == "__main__":
    main()
