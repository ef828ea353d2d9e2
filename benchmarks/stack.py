"""The system under test as local processes: scratch resources, the five services, the fakes they need, and
small HTTP, RabbitMQ and process helpers. Used by bench.py; Python standard library only."""

import http.client
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MODULES = ["data-postgres-service", "data-mongo-service", "worker-service", "bot-service", "api-service"]
DATA_POSTGRES, DATA_MONGO, WORKER, BOT, API = MODULES
JWT_ISSUER = "https://benchmark.msframework.test"
JWT_AUDIENCE = "benchmark-api"  # the audience of BenchTools' tokens
BOT_TOKEN = "123456:benchmark"


class BenchError(Exception):
    """A failure explained to the user; bench.py prints it and exits non-zero."""


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def env(name, default):
    value = os.environ.get(name, "")
    return value if value.strip() else default


def wait_until(what, timeout, probe, state=lambda: "", interval=0.2):
    """Polls probe() until it returns a truthy value, which it returns; fails after timeout seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = probe()
            if value:
                return value
        except BenchError:
            raise
        except Exception as e:  # noqa: BLE001 - a probe may fail while it waits
            last_error = e
        if time.monotonic() > deadline:
            raise BenchError(f"timed out after {timeout:.0f} s waiting for {what}; last state: {state()}"
                             + (f"; last error: {last_error}" if last_error else ""))
        time.sleep(interval)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(command, cwd=None, timeout=900, environment=None, what=None):
    """Runs a command to completion; returns its output, or fails with the tail of it."""
    try:
        done = subprocess.run(command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=timeout, text=True)
    except subprocess.TimeoutExpired as e:
        raise BenchError(f"{what or command[0]} did not finish within {timeout} s: {' '.join(map(str, command))}") from e
    if done.returncode != 0:
        tail = "\n".join(done.stdout.splitlines()[-40:])
        raise BenchError(f"{what or command[0]} failed (exit {done.returncode}): {' '.join(map(str, command))}\n{tail}")
    return done.stdout


class Cleanup:
    """Undo actions, run last-in first-out at the end, also after a failure; one failing does not stop the others."""

    def __init__(self):
        self.actions = []

    def add(self, what, action):
        self.actions.append((what, action))

    def run_all(self):
        while self.actions:
            what, action = self.actions.pop()
            try:
                action()
            except Exception as e:  # noqa: BLE001
                log(f"cleanup: {what} failed: {e}")


# ----- HTTP -----

def http_call(method, url, body=None, headers=None, timeout=10):
    """One request on a new connection: (status, body text), or (None, error text) when nothing answered."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        data = json.dumps(body) if body is not None and not isinstance(body, (str, bytes)) else body
        all_headers = {"Accept": "application/json", **({"Content-Type": "application/json"} if data else {}), **(headers or {})}
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as e:
        return None, f"{type(e).__name__}: {e}"
    finally:
        connection.close()


def http_json(method, url, body=None, headers=None, timeout=10, expect=(200,)):
    status, text = http_call(method, url, body, headers, timeout)
    if status not in expect:
        raise BenchError(f"{method} {url} answered {status}: {text[:500]}")
    return json.loads(text) if text else None


class KeepAlive:
    """Requests over one persistent connection (reconnecting when it breaks): for loops of many requests."""

    def __init__(self, base_url, timeout=10):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.timeout = parts.hostname, parts.port, timeout
        self.connection = None

    def call(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (OSError, http.client.HTTPException) as e:
                self.close()
                if attempt == 2 or isinstance(e, TimeoutError):
                    return None, f"{type(e).__name__}: {e}".encode()
        return None, b""

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


# ----- the generated project -----

def read_properties(path):
    """The keys and values of an application.properties; ${key} of another key of the file is replaced by its value
    (broker.prefix in the broker names), ${ENV_VAR:default} is left as it is."""
    properties = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        properties[key.strip()] = value.strip()
    reference = re.compile(r"\$\{([a-z][a-z0-9.-]*)\}")
    return {key: reference.sub(lambda m: properties.get(m.group(1), m.group(0)), value)
            for key, value in properties.items()}


class Project:
    """A generated, packaged project: where its jars are and the names its configuration and contracts use."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        missing = [m for m in MODULES if not self.jar(m).is_file()]
        if missing:
            raise BenchError(f"{self.root} is not a packaged project with all five services: no "
                             + ", ".join(str(self.jar(m)) for m in missing)
                             + " (generate it with archetype-project and run ./mvnw -B verify -pl '!e2e-tests' in it)")
        self.props = {m: read_properties(self.root / m / "src/main/resources/application.properties") for m in MODULES}
        self.exchange = self._exchange()
        self.worker_channel, self.worker_queue, self.worker_dlq = self._incoming(WORKER)
        self.bot_channel, self.bot_queue, self.bot_dlq = self._incoming(BOT)
        self.event_type = self._created_event_type()
        self.delivery_limit = self._delivery_limit(WORKER)
        self.prefetch = self._default_of(WORKER, f"mp.messaging.incoming.{self.worker_channel}.max-outstanding-messages")
        self.resource_path, self.activity_path, self.activity_entity_param = self._contract_paths()
        self.container_jvm_opts, self.container_env = self._dockerfile()

    def jar(self, module):
        return self.root / module / "target/quarkus-app/quarkus-run.jar"

    def _dockerfile(self):
        """How the generated Dockerfile.jvm runs every service: its JVM options (JAVA_OPTS_APPEND) and the Quarkus
        configuration its ENV sets (QUARKUS_* variables)."""
        path = self.root / API / "src/main/docker/Dockerfile.jvm"
        env = {}
        for line in path.read_text().replace("\\\n", " ").splitlines():
            if line.startswith("ENV "):
                env.update(token.split("=", 1) for token in shlex.split(line[4:]) if "=" in token)
        if "JAVA_OPTS_APPEND" not in env:
            raise BenchError(f"{path} sets no JAVA_OPTS_APPEND")
        return env["JAVA_OPTS_APPEND"].split(), {k: v for k, v in env.items() if k.startswith("QUARKUS_")}

    def _exchange(self):
        """The exchange of the entity events: the api's outgoing channel, or data-postgres' (its outbox relay)."""
        key = "mp.messaging.outgoing.events.exchange.name"
        for module in (API, DATA_POSTGRES):
            if key in self.props[module]:
                return self.props[module][key]
        raise BenchError(f"neither {API} nor {DATA_POSTGRES} declares {key} in its application.properties")

    def _incoming(self, module):
        props = self.props[module]
        channels = sorted({k.split(".")[3] for k in props
                           if k.startswith("mp.messaging.incoming.") and k.endswith(".queue.name")})
        if len(channels) != 1:
            raise BenchError(f"{module}: expected one incoming RabbitMQ channel, found {channels}")
        prefix = f"mp.messaging.incoming.{channels[0]}."
        return channels[0], props[prefix + "queue.name"], props[prefix + "dead-letter-queue-name"]

    def _delivery_limit(self, module):
        """The broker's redelivery limit of the module's queue (quorum queue x-delivery-limit), None without one."""
        key = f"mp.messaging.incoming.{self._incoming(module)[0]}.queue.x-delivery-limit"
        return self._default_of(module, key) if key in self.props[module] else None

    def _default_of(self, module, key):
        """The value of a number property, or the default of its ${ENV:default} expression."""
        value = self.props[module].get(key)
        found = re.fullmatch(r"(?:\$\{[A-Z_]+:)?(\d+)\}?", value or "")
        if not found:
            raise BenchError(f"{module}: {key} is not a number nor ${{ENV:number}} in application.properties: {value!r}")
        return int(found.group(1))

    def _created_event_type(self):
        """The created event of the entity the api serves (the system has one entity: the benchmarks' sample)."""
        for source in sorted((self.root / "contracts/src/main/java").rglob("event/*Events.java")):
            created = re.search(r'String CREATED = "([^"]+)"', source.read_text(encoding="utf-8"))
            if created:
                return created.group(1)
        raise BenchError(f"cannot find the event types in {self.root}/contracts (event/*Events.java with CREATED = \"...\")")

    def _contract_paths(self):
        resource = activity = param = None
        for source in (self.root / "contracts/src/main/java").rglob("*Api.java"):
            text = source.read_text(encoding="utf-8")
            path = re.search(r'(?:@Path\(|String PATH = )"(/api/v1/[^"]+)"', text)
            if not path:
                continue
            if "Activity" in source.name:
                activity = path.group(1)
                entity_param = re.search(r'@QueryParam\("(\w+Id)"\)', text)
                param = entity_param.group(1) if entity_param else None
            else:
                resource = path.group(1)
        if not (resource and activity and param):
            raise BenchError(f"cannot find the REST paths in {self.root}/contracts (*Api.java with PATH = \"/api/v1/...\" or @Path(\"/api/v1/...\"))")
        return resource, activity, param


# ----- scratch resources: a database, a RabbitMQ virtual host, a Redis database -----

def rabbitmqctl(*args, timeout=120):
    return run(["rabbitmqctl", "-q", *args], timeout=timeout, what="rabbitmqctl")


class Scratch:
    """Everything the run creates outside its work directory, removed again by the cleanup."""

    def __init__(self, cleanup):
        suffix = uuid.uuid4().hex[:8]
        self.pg_host = env("BENCH_POSTGRES_HOST", "127.0.0.1")
        self.pg_port = env("BENCH_POSTGRES_PORT", "5432")
        self.pg_user = env("QUARKUS_DATASOURCE_USERNAME", "postgres")
        self.pg_password = env("QUARKUS_DATASOURCE_PASSWORD", "postgres")
        self.database = f"bench_{suffix}"
        self.rabbit_host = env("RABBITMQ_HOST", "127.0.0.1")
        self.rabbit_port = env("RABBITMQ_PORT", "5672")
        self.rabbit_user = env("RABBITMQ_USERNAME", "guest")
        self.rabbit_password = env("RABBITMQ_PASSWORD", "guest")
        self.vhost = f"bench-{suffix}"
        self.redis_url = env("QUARKUS_REDIS_HOSTS", "redis://localhost:6379").rstrip("/")
        self.redis_db = None

        self.psql(f"create database {self.database}")
        cleanup.add(f"drop database {self.database}", lambda: self.psql(f"drop database if exists {self.database} with (force)"))
        rabbitmqctl("add_vhost", self.vhost)
        cleanup.add(f"delete vhost {self.vhost}", lambda: rabbitmqctl("delete_vhost", self.vhost))
        rabbitmqctl("set_permissions", "-p", self.vhost, self.rabbit_user, ".*", ".*", ".*")
        self.redis_db = self._empty_redis_db()
        cleanup.add(f"flush Redis database {self.redis_db}", lambda: self.redis("flushdb"))

    def build_environment(self, cleanup):
        """What the generated project's tests need to build it (./mvnw verify): a database of their own, RabbitMQ, Redis."""
        database = f"{self.database}_build"
        self.psql(f"create database {database}")
        cleanup.add(f"drop database {database}", lambda: self.psql(f"drop database if exists {database} with (force)"))
        return {"QUARKUS_DATASOURCE_JDBC_URL": f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{database}",
                "QUARKUS_DATASOURCE_USERNAME": self.pg_user, "QUARKUS_DATASOURCE_PASSWORD": self.pg_password,
                "RABBITMQ_HOST": self.rabbit_host, "RABBITMQ_PORT": self.rabbit_port, "RABBITMQ_USERNAME": self.rabbit_user,
                "RABBITMQ_PASSWORD": self.rabbit_password, "QUARKUS_REDIS_HOSTS": self.redis_url}

    def psql(self, sql, database="postgres"):
        environment = {**os.environ, "PGPASSWORD": self.pg_password}
        return run(["psql", "-h", self.pg_host, "-p", self.pg_port, "-U", self.pg_user, "-v", "ON_ERROR_STOP=1",
                    "-Atc", sql, database], environment=environment, timeout=60, what="psql")

    def redis(self, *args, db=None):
        parts = urllib.parse.urlsplit(self.redis_url)
        return run(["redis-cli", "-h", parts.hostname or "localhost", "-p", str(parts.port or 6379),
                    "-n", str(self.redis_db if db is None else db), *args], timeout=30, what="redis-cli").strip()

    def _empty_redis_db(self):
        for db in range(15, 0, -1):
            if self.redis("dbsize", db=db) == "0":
                return db
        raise BenchError("no empty Redis database (1-15) to run in")

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{self.database}"

    @property
    def amqp_uri(self):
        return (f"amqp://{self.rabbit_user}:{self.rabbit_password}@{self.rabbit_host}:{self.rabbit_port}/"
                + urllib.parse.quote(self.vhost, safe=""))

    def queues(self):
        """{queue: (ready, unacknowledged)} of the virtual host."""
        out = rabbitmqctl("list_queues", "-p", self.vhost, "name", "messages_ready", "messages_unacknowledged")
        counts = {}
        for line in out.splitlines():
            fields = line.split("\t")
            if len(fields) == 3 and fields[1].isdigit():
                counts[fields[0]] = (int(fields[1]), int(fields[2]))
        return counts


# ----- processes -----

def rss_mb(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def cpu_seconds(pid):
    """CPU time (user + system) a process has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def compiler_cpu_seconds(pid):
    """CPU time the JIT compiler threads of a JVM have used so far."""
    total = 0
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:
                continue
            if "CompilerThre" in stat[stat.index("(") + 1:stat.rindex(")")]:
                fields = stat.rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
    except OSError:
        return 0.0
    return total / os.sysconf("SC_CLK_TCK")


def command_cpu_seconds(command):
    """CPU time of every process of this machine whose command name (comm) is the one given: the PostgreSQL server
    and its backends ("postgres"), RabbitMQ's Erlang VM ("beam.smp"), Redis ("redis-server")."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == command:
                    total += cpu_seconds(entry.name)
            except OSError:
                pass
    return total


def postgres_cpu_seconds():
    """CPU time of every PostgreSQL process of this machine (server and backends)."""
    return command_cpu_seconds("postgres")


def startup_cache_options(app_dir):
    """The JVM options that use the start-up cache the build left next to quarkus-run.jar, as the generated
    Dockerfile.jvm does: the JDK's AOT cache (app.aot), else an AppCDS archive (app-cds.jsa), else none (fast-jar)."""
    if (Path(app_dir) / "app.aot").is_file():
        return ["-XX:AOTCache=app.aot"]
    if (Path(app_dir) / "app-cds.jsa").is_file():
        return ["-XX:SharedArchiveFile=app-cds.jsa"]
    return []


class Service:
    """One service (or a baseline app) run from its packaged jar, prod profile, its output in a log file; with the
    start-up cache its build made, if any (startup_cache_options)."""

    def __init__(self, name, jar, port, environment, log_dir, jvm_opts, java):
        self.name, self.jar, self.port = name, Path(jar), port
        self.environment, self.jvm_opts, self.java = environment, jvm_opts, java
        self.log_path = Path(log_dir) / f"{name}.log"
        self.process = None
        self.started = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("QUARKUS_", "RABBITMQ_", "JWT_", "DATA_", "TELEGRAM_"))}
        environment = {**clean, **self.environment, "QUARKUS_HTTP_PORT": str(self.port), "QUARKUS_HTTP_HOST": "127.0.0.1"}
        with open(self.log_path, "ab") as out:
            out.write(f"\n===== start {time.strftime('%H:%M:%S')}\n".encode())
            out.flush()
            self.started = time.monotonic()
            self.process = subprocess.Popen([self.java, *startup_cache_options(self.jar.parent), *self.jvm_opts, "-jar", str(self.jar)],
                                            cwd=self.jar.parent,
                                            env=environment, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        return self

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def is_ready(self):
        status, body = http_call("GET", self.base_url + "/q/health/ready", timeout=2)
        return status == 200 and '"UP"' in body

    def wait_ready(self, timeout=120):
        """Seconds from process start to /q/health/ready UP."""
        def probe():
            if not self.alive():
                raise BenchError(f"{self.name} exited with {self.process.poll()} before it was ready:\n{self.tail()}")
            return self.is_ready() and time.monotonic()
        ready_at = wait_until(f"{self.name} /q/health/ready UP", timeout, probe, interval=0.02,
                              state=lambda: " ".join(map(str, http_call("GET", self.base_url + "/q/health/ready", timeout=2)))[:300])
        return ready_at - self.started

    def rss_mb(self):
        return rss_mb(self.process.pid) if self.alive() else 0.0

    def kill9(self):
        if self.alive():
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self, timeout=30):
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def output_of_this_run(self):
        """What this process wrote to its log (the log holds every run of the service)."""
        try:
            return self.log_path.read_text(errors="replace").rsplit("\n===== start ", 1)[-1]
        except OSError:
            return ""

    def tail(self, lines=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError as e:
            return f"(no log: {e})"


class FakeTelegram:
    """The Telegram Bot API as far as the bot uses it: getMe, deleteWebhook, getUpdates (nothing new), sendMessage."""

    def __init__(self):
        sent = self.sent = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                method = self.path.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if not self.path.startswith(f"/bot{BOT_TOKEN}/"):
                    return self.answer(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
                if method == "getUpdates":
                    time.sleep(0.5)
                    return self.answer(200, {"ok": True, "result": []})
                if method == "sendMessage":
                    sent.append(body)
                    return self.answer(200, {"ok": True, "result": {"message_id": len(sent), "date": int(time.time()),
                                                                    "chat": {"id": 1, "type": "private"}, "text": ""}})
                if method == "getMe":
                    return self.answer(200, {"ok": True, "result": {"id": 1, "is_bot": True, "first_name": "bench",
                                                                    "username": "bench_bot"}})
                return self.answer(200, {"ok": True, "result": True})

            do_GET = do_POST

            def answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # the bot hung up (it stops, or gave up waiting): nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Tools:
    """BenchTools.java (JWT, MongoDB endpoint, publisher), compiled once into the work directory."""

    def __init__(self, repo, work, java_home):
        self.java = str(Path(java_home) / "bin/java")
        classes = Path(work) / "tools-classes"
        classpath_file = Path(work) / "tools.classpath"
        log("resolving the class path of benchmarks/tools (Maven)")
        run([str(repo / "mvnw"), "-B", "-q", "-ntp", "-f", str(repo / "benchmarks/tools/pom.xml"),
             "dependency:build-classpath", f"-Dmdep.outputFile={classpath_file}"], timeout=600, what="mvnw dependency:build-classpath")
        self.classpath = f"{classes}:{classpath_file.read_text().strip()}"
        run([str(Path(java_home) / "bin/javac"), "-nowarn", "-d", str(classes), "-cp", self.classpath,
             str(repo / "benchmarks/tools/BenchTools.java")], timeout=120, what="javac BenchTools.java")

    def command(self, *args, heap="256m"):
        return [self.java, f"-Xmx{heap}", "-XX:+UseSerialGC", "-cp", self.classpath, "BenchTools", *map(str, args)]

    def jwt(self, directory):
        return run(self.command("jwt", directory, JWT_ISSUER), timeout=60, what="BenchTools jwt").strip().splitlines()[-1]

    def start_mongo(self, port, log_path):
        out = open(log_path, "ab")
        process = subprocess.Popen(self.command("mongo", port, heap="2g"), stdin=subprocess.PIPE, stdout=out,
                                   stderr=subprocess.STDOUT)
        out.close()
        wait_until(f"the MongoDB endpoint on port {port}", 60, lambda: _port_open(port) or process.poll() is not None)
        if process.poll() is not None:
            raise BenchError(f"the MongoDB endpoint exited: {Path(log_path).read_text()[-2000:]}")
        return process

    def publisher(self, scratch, exchange, event_type, entity_id, count, ids_out, rate=0, poison=0, reconnect_seconds=90):
        """Starts the publisher; bench.py waits for it with finish_publisher()."""
        return subprocess.Popen(self.command("publish", "--uri", scratch.amqp_uri, "--exchange", exchange, "--type", event_type,
                                             "--entity-id", entity_id, "--count", count, "--rate", rate, "--poison", poison,
                                             "--reconnect-seconds", reconnect_seconds, "--ids-out", ids_out),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


    def baseline_queue(self, scratch, queue, exchange, routing_key):
        run(self.command("queue", "--uri", scratch.amqp_uri, "--queue", queue, "--exchange", exchange,
                         "--routing-key", routing_key), timeout=60, what="BenchTools queue")

    def drain(self, scratch, queue, count, prefetch):
        """A bare consumer drains count messages of the queue (acknowledging each), then deletes it; returns its seconds."""
        out = run(self.command("drain", "--uri", scratch.amqp_uri, "--queue", queue, "--count", count, "--prefetch", prefetch),
                  timeout=900, what="BenchTools drain")
        return json.loads(out.strip().splitlines()[-1])["seconds"]


def finish_publisher(process, timeout):
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        process.kill()
        process.communicate()
        raise BenchError(f"the publisher did not finish within {timeout:.0f} s") from e
    if process.returncode != 0:
        raise BenchError(f"the publisher failed (exit {process.returncode}):\n{err[-3000:]}")
    for line in err.splitlines():
        log(line)
    return json.loads(out.strip().splitlines()[-1])


def _port_open(port):
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class System:
    """The five services of a project, each on its own free port, configured through environment variables only."""

    def __init__(self, project, scratch, tools, work, jvm_opts, java, cleanup):
        self.project, self.scratch, self.tools, self.jvm_opts, self.java = project, scratch, tools, jvm_opts, java
        self.log_dir = Path(work) / "logs"
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.ports = {m: free_port() for m in MODULES}
        self.services = {}
        self.telegram = FakeTelegram()
        cleanup.add("stop the fake Telegram API", self.telegram.close)
        mongo_port = free_port()
        self.mongo = tools.start_mongo(mongo_port, self.log_dir / "mongo.log")
        cleanup.add("stop the MongoDB endpoint", lambda: (self.mongo.kill(), self.mongo.wait(10)))
        self.mongo_url = f"mongodb://127.0.0.1:{mongo_port}"
        self.token = tools.jwt(Path(work) / "jwt")
        self.public_key = Path(work) / "jwt" / "jwt-public.pem"
        cleanup.add("stop the services", self.stop_all)

    def url(self, module):
        return f"http://127.0.0.1:{self.ports[module]}"

    @property
    def auth(self):
        return {"Authorization": f"Bearer {self.token}"}

    def environment(self, module):
        s = self.scratch
        common = {
            "RABBITMQ_HOST": s.rabbit_host, "RABBITMQ_PORT": s.rabbit_port, "RABBITMQ_USERNAME": s.rabbit_user,
            "RABBITMQ_PASSWORD": s.rabbit_password, "RABBITMQ_VIRTUAL_HOST": s.vhost,
            "QUARKUS_REDIS_HOSTS": f"{s.redis_url}/{s.redis_db}",
            "DATA_POSTGRES_URL": self.url(DATA_POSTGRES), "DATA_MONGO_URL": self.url(DATA_MONGO),
            "QUARKUS_OTEL_SDK_DISABLED": "true",
        }
        own = {
            DATA_POSTGRES: {"QUARKUS_DATASOURCE_JDBC_URL": s.jdbc_url, "QUARKUS_DATASOURCE_USERNAME": s.pg_user,
                            "QUARKUS_DATASOURCE_PASSWORD": s.pg_password},
            DATA_MONGO: {"QUARKUS_MONGODB_CONNECTION_STRING": self.mongo_url},
            API: {"JWT_PUBLIC_KEY_LOCATION": str(self.public_key), "JWT_ISSUER": JWT_ISSUER, "JWT_AUDIENCE": JWT_AUDIENCE},
            WORKER: {"DATE_PASSED_CRON": "off"},
            BOT: {"TELEGRAM_BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_URL": self.telegram.url, "BOT_POLLING_TIMEOUT": "1s"},
        }
        return {**self.project.container_env, **common, **own[module]}

    def start(self, module, extra_jvm_opts=()):
        service = Service(module, self.project.jar(module), self.ports[module], self.environment(module), self.log_dir,
                          [*self.jvm_opts, *extra_jvm_opts], self.java)
        self.services[module] = service
        return service.start()

    def start_all(self, timeout=180):
        """Starts the five at once; returns (seconds until all are ready, {module: seconds until ready})."""
        began = time.monotonic()
        for module in MODULES:
            self.start(module)
        ready = {}

        def probe():
            for module, service in self.services.items():
                if module not in ready:
                    if not service.alive():
                        raise BenchError(f"{module} exited before it was ready:\n{service.tail()}")
                    if service.is_ready():
                        ready[module] = time.monotonic() - service.started
            return len(ready) == len(MODULES)
        wait_until("all five services ready", timeout, probe, interval=0.05,
                   state=lambda: "not ready: " + ", ".join(m for m in MODULES if m not in ready))
        return time.monotonic() - began, ready

    def stop_all(self):
        for service in self.services.values():
            if service.alive():
                service.process.terminate()
        for service in self.services.values():
            service.stop()

    def fresh_mongo(self):
        """An empty MongoDB endpoint on the same port, and data-mongo started again on it (it creates its indexes at
        start). The in-memory endpoint scans every document for a query: what one section stored slows down the next."""
        self.services[DATA_MONGO].stop()
        self.mongo.kill()
        self.mongo.wait(10)
        self.mongo = self.tools.start_mongo(int(self.mongo_url.rsplit(":", 1)[1]), self.log_dir / "mongo.log")
        return self.restart(DATA_MONGO)

    def restart(self, module, timeout=120):
        """Starts a module again on the same port; returns seconds until it is ready."""
        return self.start(module).wait_ready(timeout)

    def check_alive(self):
        for module, service in self.services.items():
            if not service.alive():
                raise BenchError(f"{module} died (exit {service.process.poll()}):\n{service.tail()}")

    def metric(self, module, name):
        """Sum of the samples of a Prometheus counter of a service (0 when it has none yet)."""
        status, text = http_call("GET", self.url(module) + "/q/metrics", headers={"Accept": "text/plain"}, timeout=5)
        if status != 200:
            raise BenchError(f"{module} /q/metrics answered {status}: {text[:200]}")
        total = 0.0
        for line in text.splitlines():
            if line.startswith(name + "{") or line.startswith(name + " "):
                total += float(line.rsplit(" ", 1)[1])
        return total

    def activity_count(self, entity_id):
        page = http_json("GET", f"{self.url(DATA_MONGO)}{self.project.activity_path}"
                         f"?{self.project.activity_entity_param}={entity_id}&size=1", timeout=60)
        return page["total"]

    def activity_total(self):
        """How many activities data-mongo holds, of every entity: one request."""
        return http_json("GET", f"{self.url(DATA_MONGO)}{self.project.activity_path}?size=1", timeout=60)["total"]

    def activity_event_ids(self, entity_id, client=None):
        """The eventIds of every activity of one entity, read page by page from data-mongo (over client, a KeepAlive
        on data-mongo, when given)."""
        ids, page = [], 0
        own = client is None
        client = KeepAlive(self.url(DATA_MONGO), timeout=60) if own else client
        try:
            while True:
                status, body = client.call("GET", f"{self.project.activity_path}?{self.project.activity_entity_param}={entity_id}"
                                           f"&size=100&page={page}&sort=id,asc", headers={"Accept": "application/json"})
                if status != 200:
                    raise BenchError(f"data-mongo activity page {page} answered {status}: {body[:300]!r}")
                items = json.loads(body)["items"]
                ids.extend(item.get("eventId") for item in items)
                if len(items) < 100:
                    return ids
                page += 1
        finally:
            if own:
                client.close()
