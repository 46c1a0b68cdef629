#!/usr/bin/env python3
"""A plain-HTTP double of Harbor's auth proxy for bench/token-bench.sh (no real one exists here): POST /login takes
Basic carol:CarolPass1 and answers {"session_id"}; POST /tokenreview is a Kubernetes TokenReview (authentication.k8s.io/v1)
that knows that session and the token k8s-token-carol. Usage: authproxy-double.py PORT"""
import base64, json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOKENS = {"session-carol", "k8s-token-carol"}

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.path == "/login":
            auth = self.headers.get("Authorization", "")
            ok = auth.startswith("Basic ") and base64.b64decode(auth[6:]) == b"carol:CarolPass1"
            self.answer(200, {"session_id": "session-carol"}) if ok else self.answer(401, {})
        elif self.path == "/tokenreview":
            token = json.loads(body).get("spec", {}).get("token")
            status = {"authenticated": True, "user": {"username": "carol", "groups": ["devs"]}} if token in TOKENS else {}
            self.answer(201, {"apiVersion": "authentication.k8s.io/v1", "kind": "TokenReview", "status": status})
        else:
            self.answer(404, {})

ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
