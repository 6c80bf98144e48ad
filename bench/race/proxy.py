#!/usr/bin/env python3
"""Counting reverse proxy for the race benchmark: every request to LISTEN_PORT goes to
127.0.0.1:TARGET_PORT unchanged, and one line per request is appended to LOG:
    <start epoch s> <end epoch s> <service> <method> <path> <status>
Usage: proxy.py SERVICE LISTEN_PORT TARGET_PORT LOG   (stdlib only; runs until killed)."""
import http.client
import http.server
import sys
import threading
import time

SERVICE, LISTEN, TARGET, LOG = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}
lock = threading.Lock()
log = open(LOG, "a", buffering=1)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else None

    def forward(self):
        start = time.time()
        data = self.body()
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP}
        if data is not None:
            headers["Content-Length"] = str(len(data))
        conn = http.client.HTTPConnection("127.0.0.1", TARGET, timeout=600)
        conn.request(self.command, self.path, body=data, headers=headers)
        resp = conn.getresponse()
        payload = resp.read()
        conn.close()
        self.send_response_only(resp.status, resp.reason)
        for k, v in resp.getheaders():
            if k.lower() not in HOP and k.lower() != "content-length":
                # The catalog names the real ports; the client's overrides keep it on the proxy.
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)
        with lock:
            log.write(f"{start:.3f} {time.time():.3f} {SERVICE} {self.command} {self.path} {resp.status}\n")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = forward


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


Server(("127.0.0.1", LISTEN), Handler).serve_forever()
