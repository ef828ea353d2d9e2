"""A small Maven repository manager on loopback, for the distribution tests (Python 3 standard library only).

It plays a company's repository manager (a Nexus-like layout):

  /repository/maven-releases/...   hosted: GET, HEAD and PUT (what `mvn deploy` writes)
  /repository/maven-snapshots/...  hosted: GET, HEAD and PUT
  /repository/maven-public/...     group, read-only: maven-releases, then maven-snapshots, then the proxy

The "proxy of Maven Central" serves, read-only, the files of an existing local repository (~/.m2/repository), so
that the tests download nothing from the internet: `maven-metadata.xml` is answered from the
`maven-metadata-central.xml` that Maven keeps there, and missing checksum files are computed. Paths under a
hosted-only prefix (the collection's own groupId) are never taken from the proxy, so that what the tests resolve of
the collection can only come from what was deployed.

Every request needs HTTP Basic credentials when some are configured (`--user name:password`).

Standalone:  python3 repository_server.py --port 8081 --storage /tmp/repo --proxy ~/.m2/repository \
                 --hosted-only dev/msframework/ --user deployer:secret
"""
import argparse
import base64
import hashlib
import http.server
import os
import shutil
import sys
import tempfile
import threading
import urllib.parse

HOSTED = ("maven-releases", "maven-snapshots")
GROUP = "maven-public"
CHECKSUMS = {".sha1": "sha1", ".md5": "md5", ".sha256": "sha256", ".sha512": "sha512"}
# files of a local repository that are Maven's own bookkeeping, never repository content
LOCAL_ONLY = ("_remote.repositories", ".lastUpdated", "resolver-status.properties", "maven-metadata-local.xml", ".part")


class Repository:
    def __init__(self, storage, proxy=(), hosted_only=(), credentials=None):
        self.storage = os.path.abspath(storage)
        self.proxy = [os.path.abspath(p) for p in ([proxy] if isinstance(proxy, str) else proxy)]
        self.hosted_only = tuple(hosted_only)
        self.credentials = credentials
        self.log = []  # (method, status, source, path)
        self.lock = threading.Lock()
        for name in HOSTED:
            os.makedirs(os.path.join(self.storage, name), exist_ok=True)

    def record(self, method, status, source, path):
        with self.lock:
            self.log.append((method, status, source, path))

    # --- lookup -----------------------------------------------------------------------------------------------
    def hosted_file(self, repo, path):
        file = os.path.join(self.storage, repo, *path.split("/"))
        return file if os.path.isfile(file) else None

    def proxy_file(self, path):
        if path.startswith(self.hosted_only) or path.endswith(LOCAL_ONLY):
            return None
        for local_repository in self.proxy:
            file = os.path.join(local_repository, *path.split("/"))
            if os.path.isfile(file):
                return file
            if path.endswith("/maven-metadata.xml") or path == "maven-metadata.xml":
                central = file[: -len("maven-metadata.xml")] + "maven-metadata-central.xml"
                if os.path.isfile(central):
                    return central
        return None

    def find(self, repo, path):
        """(source, file) or (source, bytes) for a path of a repository, or (None, None)."""
        repos = HOSTED + ("proxy",) if repo == GROUP else (repo,)
        for source in repos:
            file = self.proxy_file(path) if source == "proxy" else self.hosted_file(source, path)
            if file:
                return source, file
        for suffix, algorithm in CHECKSUMS.items():
            if path.endswith(suffix):
                source, file = self.find(repo, path[: -len(suffix)])
                if file:
                    digest = hashlib.new(algorithm)
                    with open(file, "rb") as f:
                        for chunk in iter(lambda: f.read(1 << 20), b""):
                            digest.update(chunk)
                    return source, digest.hexdigest().encode()
        return None, None


def handler_for(repository):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "loopback-repository/1"
        # headers and body are separate writes: without TCP_NODELAY every small response waits for a delayed ACK
        disable_nagle_algorithm = True

        def log_message(self, fmt, *args):  # quiet: the tests read repository.log
            pass

        def split(self):
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            parts = [p for p in path.split("/") if p]
            if len(parts) < 3 or parts[0] != "repository" or any(p in (".", "..") for p in parts):
                return None, None
            return parts[1], "/".join(parts[2:])

        def authorized(self):
            if not repository.credentials:
                return True
            expected = "Basic " + base64.b64encode(repository.credentials.encode()).decode()
            return self.headers.get("Authorization") == expected

        def challenge(self, head=False):
            self.reply(401, b"credentials needed\n", {"WWW-Authenticate": 'Basic realm="loopback repository"'}, head=head)

        def reply(self, status, body=b"", headers=None, head=False):
            self.send_response(status)
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def serve(self, head):
            repo, path = self.split()
            if repo not in HOSTED + (GROUP,):
                return self.reply(404, b"no such repository\n", head=head)
            if not self.authorized():
                return self.challenge(head)
            source, found = repository.find(repo, path)
            method = "HEAD" if head else "GET"
            if found is None:
                repository.record(method, 404, None, f"{repo}/{path}")
                return self.reply(404, b"not found\n", head=head)
            repository.record(method, 200, source, f"{repo}/{path}")
            if isinstance(found, bytes):
                return self.reply(200, found, {"Content-Type": "text/plain"}, head=head)
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(os.path.getsize(found)))
            self.end_headers()
            if not head:
                with open(found, "rb") as f:
                    shutil.copyfileobj(f, self.wfile, 1 << 20)

        def do_GET(self):
            self.serve(head=False)

        def do_HEAD(self):
            self.serve(head=True)

        def discard_body(self):
            class Sink:
                def write(self, data):
                    pass
            self.read_body(Sink())

        def read_body(self, out):
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        return
                    out.write(self.rfile.read(size))
                    self.rfile.readline()
                return
            length = int(self.headers.get("Content-Length") or 0)
            while length > 0:
                chunk = self.rfile.read(min(length, 1 << 20))
                if not chunk:
                    raise IOError("request body cut short")
                out.write(chunk)
                length -= len(chunk)

        def do_PUT(self):
            repo, path = self.split()
            if repo not in HOSTED:
                self.discard_body()
                return self.reply(405, b"read-only repository\n")
            if not self.authorized():
                self.discard_body()
                return self.challenge()
            target = os.path.join(repository.storage, repo, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".upload-")
            with os.fdopen(fd, "wb") as out:
                self.read_body(out)
            os.replace(tmp, target)
            repository.record("PUT", 201, repo, f"{repo}/{path}")
            self.reply(201)

    return Handler


class Server:
    """Runs the repository on 127.0.0.1 in a background thread: `with Server(...) as s: s.url(GROUP)`."""

    def __init__(self, repository, port=0):
        self.repository = repository
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler_for(repository))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="loopback-repository", daemon=True)

    def url(self, repo):
        return f"http://127.0.0.1:{self.port}/repository/{repo}/"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--storage", required=True, help="directory of the hosted repositories")
    parser.add_argument("--proxy", action="append", default=[],
                        help="local repository served read-only as the proxy of Maven Central (repeatable)")
    parser.add_argument("--hosted-only", action="append", default=[], help="path prefix never taken from the proxy")
    parser.add_argument("--user", help="name:password required of every request")
    args = parser.parse_args()
    repository = Repository(args.storage, args.proxy, args.hosted_only, args.user)
    with Server(repository, args.port) as server:
        print(f"hosted: {server.url('maven-releases')} {server.url('maven-snapshots')}  group: {server.url(GROUP)}", flush=True)
        try:
            server.thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.exit(main())
