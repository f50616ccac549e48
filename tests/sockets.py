"""Local stand-ins for unreachable servers (Redis, PostgreSQL), started by the tests themselves."""

import socket

from tests.live_server import free_port


def closed_port() -> int:
    """A local port nothing listens on: connections are refused at once."""
    return free_port()


class HangingServer:
    """A local port that accepts connections and never answers (a hung or black-holed server)."""

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.listener.setblocking(False)
        self.port = self.listener.getsockname()[1]
        self.held = []

    def new_connections(self) -> int:
        """How many connections arrived since the last call (held open, never answered)."""
        count = 0
        while True:
            try:
                connection, _ = self.listener.accept()
            except BlockingIOError:
                return count
            self.held.append(connection)
            count += 1

    def close(self):
        for connection in self.held:
            connection.close()
        self.listener.close()
