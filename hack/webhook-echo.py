#!/usr/bin/env python3
"""Prints the launch notices the operator POSTs (examples/notify.yaml): a stand-in for a chat bridge.

    hack/webhook-echo.py [port]        # default 18090; answers 204 to POST /hooks/launches
"""
import http.server
import json
import sys

port = int(sys.argv[1]) if len(sys.argv) > 1 else 18090


class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            notice = json.loads(body)
            print(f'{notice.get("at")}  {notice.get("text")}   [auth: {self.headers.get("Authorization")}]', flush=True)
        except ValueError:
            print("not JSON:", body[:200], flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


print(f"listening on http://127.0.0.1:{port}/hooks/launches", flush=True)
http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
