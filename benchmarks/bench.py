#!/usr/bin/env python3
"""What a generated msframework system does under load and faults, measured on this machine and printed as a table.

Run it with benchmarks/run (which picks a JDK and installs wrk); see docs/performance.md. Sections:
  1 generation    archetype-project vs quarkus-maven-plugin:create, batch mode, warm local repository
  2 start         per service and for the whole stack: time to /q/health/ready UP, RSS after 1,000 requests; against
                  the plain app of quarkus create, packaged as fast-jar and with the JDK's AOT cache
  3 hop           wrk on GET <resource>/{id} through api-service vs directly on data-postgres-service
  4 pipeline      N CloudEvents through RabbitMQ to the worker, from its start (cold) and again warm; every one recorded
                  once in data-mongo, DLQ empty
  5 faults        kill -9 data-postgres and RabbitMQ stopped during POST load through the api (every 2xx write stored,
                  its created event processed once), RabbitMQ restart, kill -9 worker, poison messages, a message that
                  crashes the worker: nothing lost
Progress goes to stderr, the report (Markdown) to stdout. The exit code is 1 when a check fails (something lost,
an event not processed once, a service that did not come back); performance targets are reported, not enforced.
"""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

sys.dont_write_bytecode = True  # nothing written next to the sources
from stack import (API, BOT, DATA_MONGO, DATA_POSTGRES, MODULES, WORKER, BenchError, Cleanup, KeepAlive, Project,
                   Scratch, Service, System, Tools, command_cpu_seconds, compiler_cpu_seconds, cpu_seconds, finish_publisher, free_port, http_call, http_json, log,
                   postgres_cpu_seconds, rabbitmqctl, run, startup_cache_options, wait_until)

REPO = Path(__file__).resolve().parent.parent
QUARKUS_VERSION = "3.33.2"
ARCHETYPE_PLUGIN = "org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate"
CREATE_PLUGIN = f"io.quarkus:quarkus-maven-plugin:{QUARKUS_VERSION}:create"
# every process runs with the JVM options of the generated Dockerfile.jvm and this one: a container limited to 512 MiB
CONTAINER_MAX_RAM = "-XX:MaxRAM=512m"


class Sizes:
    """How much of everything: full mode for the published figures, smoke mode (tiny) for CI."""

    def __init__(self, smoke, runs, events):
        self.generation_runs = runs or (1 if smoke else 5)
        self.start_runs = runs or (1 if smoke else 3)
        self.wrk_runs = runs or (1 if smoke else 3)
        self.wrk_seconds = 2 if smoke else 10
        self.wrk_warmup_seconds = 2 if smoke else 10
        self.wrk_warmup_rounds = 1 if smoke else 12
        self.requests = 1000
        self.events = events or (200 if smoke else 100_000)
        self.fault_seconds = 2 if smoke else 5
        self.post_clients, self.post_rate = 4, 200
        # the broker restart happens in a steady stream that lasts well beyond the broker's and the consumers' recovery
        self.stream_rate = 50 if smoke else 250
        self.stream_seconds = 25 if smoke else 40
        self.burst_events = 600 if smoke else 10_000
        self.valid_events = 50 if smoke else 1000
        self.poison_events = 14 if smoke else 140


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def median(values):
    return statistics.median(values) if values else float("nan")


def runs_text(values, unit=lambda v: f"{v:.2f}"):
    return " / ".join(unit(v) for v in values)


class Bench:

    def __init__(self, args):
        self.args = args
        self.smoke = args.smoke
        self.sizes = Sizes(args.smoke, args.runs, args.events)
        self.error_samples = {}
        self.sections = {int(s) for s in args.sections.split(",")}
        self.java_home = Path(os.environ.get("JAVA_HOME") or "/usr/lib/jvm/temurin-25-jdk-amd64")
        self.java = str(self.java_home / "bin/java")
        self.jvm_opts = None  # the project's (Dockerfile.jvm) unless --jvm-opts
        self.cleanup = Cleanup()
        self.report = []
        self.failures = []
        self.system = None
        self.rabbit_stopped = False

    # ----- the whole run -----

    def main(self):
        began = time.monotonic()
        if self.args.work_dir:
            self.work = Path(self.args.work_dir).resolve()
            self.work.mkdir(parents=True, exist_ok=True)
        else:
            self.work = Path(tempfile.mkdtemp(prefix="msframework-bench-"))
        log(f"work directory {self.work} ({'smoke' if self.smoke else 'full'} mode)")
        try:
            self.check_prerequisites()
            self.machine = self.describe_machine()
            if 1 in self.sections:
                self.section("1. Generation", self.generation)
            self.scratch = Scratch(self.cleanup)
            self.project = self.prepare_project()
            self.jvm_opts = (self.args.jvm_opts.split() if self.args.jvm_opts
                             else [*self.project.container_jvm_opts, CONTAINER_MAX_RAM])
            self.baseline_jar = self.prepare_baseline() if 2 in self.sections else None
            self.aot_baseline_jar = self.prepare_aot_baseline() if 2 in self.sections else None
            self.tools = Tools(REPO, self.work, self.java_home)
            self.system = System(self.project, self.scratch, self.tools, self.work, self.jvm_opts, self.java, self.cleanup)
            self.cleanup.add("restart RabbitMQ if a test left it stopped",
                             lambda: self.rabbit_stopped and rabbitmqctl("start_app"))
            if 2 in self.sections:
                self.section("2. Start and memory", self.start_and_memory)
            if not self.system.services:
                log("starting the five services")
                self.system.start_all()
            self.task_id = self.create_task("benchmark task")
            if 3 in self.sections:
                self.section("3. The HTTP hop: api-service -> data-postgres-service", self.http_hop)
            if 4 in self.sections:
                self.section("4. Event pipeline", self.pipeline)
            if 5 in self.sections:
                if 4 in self.sections:
                    log("an empty MongoDB endpoint for the fault tests (the activities of the pipeline would slow every lookup)")
                    self.system.fresh_mongo()
                self.section("5. Faults: nothing lost", self.faults)
        except BenchError as e:
            self.failures.append(str(e))
            log(f"FAILED: {e}")
        except KeyboardInterrupt:
            self.failures.append("interrupted")
        finally:
            log("cleaning up")
            self.cleanup.run_all()
        if self.args.work_dir or self.args.keep_work or self.failures:
            log(f"logs and generated projects are in {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        took = time.monotonic() - began
        self.print_report(took)
        return 1 if self.failures else 0

    def section(self, title, body):
        log(f"=== {title}")
        lines = [f"## {title}", ""]
        try:
            body(lines)
        except BenchError as e:
            self.failures.append(f"{title}: {e}")
            lines.append(f"**FAILED**: {e}")
            log(f"FAILED: {e}")
            self.heal()
        self.report.extend(lines + [""])

    def heal(self):
        """After a failed section: broker running and every service up again, so that the next section can run."""
        if self.rabbit_stopped:
            rabbitmqctl("start_app")
            self.rabbit_stopped = False
        if self.system and self.system.services:
            for module in MODULES:
                service = self.system.services.get(module)
                if service is None or not service.alive():
                    log(f"restarting {module}")
                    self.system.restart(module)

    def check_prerequisites(self):
        missing = [tool for tool in ("wrk", "hey", "psql", "rabbitmqctl", "redis-cli") if not shutil.which(tool)]
        if missing:
            raise BenchError(f"missing on PATH: {', '.join(missing)} (benchmarks/run installs wrk and hey; see docs/performance.md)")
        version = subprocess.run([self.java, "-version"], capture_output=True, text=True).stderr
        found = re.search(r'version "(\d+)', version)
        if not found or int(found.group(1)) < 25:
            raise BenchError(f"{self.java} is not a JDK 25 or later (generated projects compile for Java 25): set JAVA_HOME")

    def describe_machine(self):
        def first_line(command):
            try:
                out = subprocess.run(command, capture_output=True, text=True, timeout=60)
                return (out.stdout or out.stderr).strip().splitlines()[0]
            except (OSError, IndexError, subprocess.TimeoutExpired):
                return "?"
        cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                    if line.startswith("model name")), platform.processor() or "?")
        mem_kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")))
        rabbit = first_line(["rabbitmqctl", "-q", "version"])
        redis = re.search(r"v=(\S+)", first_line(["redis-server", "--version"]) if shutil.which("redis-server") else "")
        machine = {
            "cpu": f"{os.cpu_count()} cores ({cpu})",
            "ram": f"{mem_kb / 1024 / 1024:.1f} GiB",
            "os": f"{platform.system()} {platform.release()}",
            "jdk": f"{first_line([self.java, '-version'])} ({self.java_home})",
            "postgres": first_line(["psql", "--version"]),
            "rabbitmq": f"RabbitMQ {rabbit}",
            "redis": f"Redis {redis.group(1) if redis else '?'}",
            "wrk": first_line(["wrk", "--version"]).split(" [")[0],
            "maven": "Maven " + first_line([str(REPO / "mvnw"), "-v", "-q"]),
            "load": f"{os.getloadavg()[0]:.1f}",
        }
        log("machine: " + "; ".join(machine.values()))
        return machine

    # ----- project and baseline -----

    def prepare_project(self):
        if self.args.project_dir:
            project = Project(self.args.project_dir)
            log(f"using the packaged project {project.root}")
            return project
        generated = self.work / "generation/archetype-0/acme-tasks"
        if not generated.is_dir():
            log("generating the project (archetype-project)")
            self.generate_project(self.work / "generation/archetype-0")
        if not packaged(generated):
            # as its README builds it: verify, whose integration tests train each service's start-up cache (app.aot)
            log(f"building {generated} (./mvnw -B verify -pl '!e2e-tests', against a database of its own)")
            environment = {**os.environ, **self.scratch.build_environment(self.cleanup)}
            took = self.timed(lambda: run([str(generated / "mvnw"), "-B", "-ntp", "verify", "-pl", "!e2e-tests"], cwd=generated,
                                          environment=environment, timeout=3600, what="./mvnw verify of the generated project"))
            log(f"built in {took:.0f} s")
            self.project_build_seconds = took
        return Project(generated)

    def prepare_baseline(self):
        created = self.work / "generation/create-0/plain-rest"
        if not created.is_dir():
            log("creating the baseline app (quarkus create)")
            self.create_plain_app(self.work / "generation/create-0")
        jar = created / "target/quarkus-app/quarkus-run.jar"
        if not jar.is_file():
            log(f"building the baseline app {created}")
            run([str(REPO / "mvnw"), "-B", "-ntp", "-f", str(created / "pom.xml"), "package", "-DskipTests"],
                timeout=1800, what="mvnw package of the baseline app")
        return jar

    def prepare_aot_baseline(self):
        """The same plain app packaged with the JDK's AOT cache (JDK 24+; AppCDS before), trained by its own
        @QuarkusIntegrationTest: the second baseline, so that packaging is not mistaken for framework cost."""
        plain = self.work / "generation/create-0/plain-rest"
        aot = self.work / "generation/aot-0/plain-rest"
        app = aot / "target/quarkus-app"
        if not (app / "quarkus-run.jar").is_file():
            shutil.rmtree(aot, ignore_errors=True)
            shutil.copytree(plain, aot, ignore=shutil.ignore_patterns("target"))
            log(f"building the AOT baseline app {aot} (verify -Dquarkus.package.jar.aot.enabled=true, trained by its IT)")
            run([str(REPO / "mvnw"), "-B", "-ntp", "-f", str(aot / "pom.xml"), "verify", "-Dquarkus.package.jar.aot.enabled=true",
                 "-DskipITs=false"], timeout=1800, what="mvnw verify of the AOT baseline app")
        self.aot_baseline_opts = startup_cache_options(app)
        if not self.aot_baseline_opts:
            raise BenchError(f"the AOT baseline build made no app.aot or app-cds.jsa in {app}")
        return app / "quarkus-run.jar"

    @staticmethod
    def timed(action):
        began = time.monotonic()
        action()
        return time.monotonic() - began

    def generate_project(self, directory):
        directory.mkdir(parents=True, exist_ok=True)
        return self.timed(lambda: run([str(REPO / "mvnw"), "-B", "-ntp", ARCHETYPE_PLUGIN,
                                       "-DarchetypeGroupId=dev.msframework", "-DarchetypeArtifactId=archetype-project",
                                       "-DarchetypeVersion=1.0.0-SNAPSHOT", "-DgroupId=com.acme", "-DartifactId=acme-tasks",
                                       "-Dpackage=com.acme.tasks"], cwd=directory, timeout=600, what="archetype:generate"))

    def create_plain_app(self, directory):
        directory.mkdir(parents=True, exist_ok=True)
        return self.timed(lambda: run([str(REPO / "mvnw"), "-B", "-ntp", CREATE_PLUGIN, "-DprojectGroupId=org.acme",
                                       "-DprojectArtifactId=plain-rest", "-Dextensions=rest,smallrye-health", "-DquarkusRegistryClient=false",
                                       "-DplatformGroupId=io.quarkus", "-DplatformArtifactId=quarkus-bom",
                                       f"-DplatformVersion={QUARKUS_VERSION}"], cwd=directory, timeout=600, what="quarkus create"))

    # ----- 1. generation -----

    def generation(self, lines):
        root = self.work / "generation"
        log("warm-up: one archetype:generate and one quarkus create (not counted)")
        if not (root / "archetype-0/acme-tasks").is_dir():
            self.generate_project(root / "archetype-0")
        if not (root / "create-0/plain-rest").is_dir():
            self.create_plain_app(root / "create-0")
        project, plain = [], []
        for i in range(1, self.sizes.generation_runs + 1):
            shutil.rmtree(root / f"archetype-{i}", ignore_errors=True)
            shutil.rmtree(root / f"create-{i}", ignore_errors=True)
            project.append(self.generate_project(root / f"archetype-{i}"))
            plain.append(self.create_plain_app(root / f"create-{i}"))
            log(f"run {i}: archetype-project {project[-1]:.2f} s, quarkus create {plain[-1]:.2f} s")
            shutil.rmtree(root / f"archetype-{i}", ignore_errors=True)
            shutil.rmtree(root / f"create-{i}", ignore_errors=True)
        files = sum(1 for p in (root / "archetype-0/acme-tasks").rglob("*") if p.is_file())
        plain_files = sum(1 for p in (root / "create-0/plain-rest").rglob("*") if p.is_file())
        lines += [f"Median of {len(project)} run(s) each, alternating, `mvnw -B` (batch mode) with a warm local repository, "
                  "after one warm-up run of each.", "",
                  "| what | generates | median | runs (s) |", "|---|---|---:|---|",
                  f"| `archetype-project` (`{ARCHETYPE_PLUGIN.rsplit(':', 1)[0]}`) | whole system, {files} files | "
                  f"{median(project):.2f} s | {runs_text(project)} |",
                  f"| `quarkus-maven-plugin:{QUARKUS_VERSION}:create` (rest, smallrye-health) | one REST app, {plain_files} files | "
                  f"{median(plain):.2f} s | {runs_text(plain)} |",
                  f"| ratio | | **{median(project) / median(plain):.2f}x** | |"]

    # ----- 2. start and memory -----

    def exercise(self, service, path, headers=None):
        """The given number of sequential GETs over one connection; every one must answer 200."""
        client = KeepAlive(service.base_url)
        try:
            for _ in range(self.sizes.requests):
                status, body = client.call("GET", path, headers=headers)
                if status != 200:
                    raise BenchError(f"GET {service.base_url}{path} answered {status}: {body[:300]!r}")
        finally:
            client.close()

    def exercise_module(self, module):
        resource = f"{self.project.resource_path}/{self.task_id}"
        paths = {DATA_POSTGRES: (resource, None), DATA_MONGO: (f"{self.project.activity_path}?size=20", None),
                 API: (resource, self.system.auth), WORKER: ("/q/health/ready", None), BOT: ("/q/health/ready", None)}
        path, headers = paths[module]
        self.exercise(self.system.services[module], path, headers)

    def create_task(self, title):
        if getattr(self, "task_id", None):
            return self.task_id
        task = http_json("POST", self.system.url(DATA_POSTGRES) + self.project.resource_path, {"title": title, "status": "OPEN"}, expect=(201,))
        return task["id"]

    def start_and_memory(self, lines):
        order = [DATA_POSTGRES, DATA_MONGO, WORKER, BOT, API]
        ready = {m: [] for m in order}
        rss = {m: [] for m in order}
        base_ready, base_rss = [], []
        aot_ready, aot_rss = [], []
        # CPU time (all threads) and the JIT compilers' part of it, from process start until ready
        cpu = {m: [] for m in (*order, "baseline", "aot")}
        jit = {m: [] for m in (*order, "baseline", "aot")}

        def until_ready(key, service):
            cpu[key].append(cpu_seconds(service.process.pid))
            jit[key].append(compiler_cpu_seconds(service.process.pid))
        for i in range(1, self.sizes.start_runs + 1):
            log(f"run {i}: one service at a time, each after the ones it calls")
            for module in order:
                service = self.system.start(module)
                ready[module].append(service.wait_ready())
                until_ready(module, service)
                if module == DATA_POSTGRES:
                    self.task_id = self.create_task("benchmark task")
                self.exercise_module(module)
                rss[module].append(service.rss_mb())
                log(f"  {module}: ready after {ready[module][-1]:.2f} s, RSS {rss[module][-1]:.0f} MB")
            self.system.stop_all()
            log(f"run {i}: the baseline app")
            baseline = Service("plain-rest", self.baseline_jar, free_port(), dict(self.project.container_env), self.system.log_dir, self.jvm_opts, self.java)
            baseline.start()
            try:
                base_ready.append(baseline.wait_ready())
                until_ready("baseline", baseline)
                self.exercise(baseline, "/hello")
                base_rss.append(baseline.rss_mb())
            finally:
                baseline.stop()
            log(f"  plain-rest: ready after {base_ready[-1]:.2f} s, RSS {base_rss[-1]:.0f} MB")
            aot = Service("plain-rest-aot", self.aot_baseline_jar, free_port(), dict(self.project.container_env), self.system.log_dir, self.jvm_opts, self.java)
            aot.start()
            try:
                aot_ready.append(aot.wait_ready())
                until_ready("aot", aot)
                self.exercise(aot, "/hello")
                aot_rss.append(aot.rss_mb())
            finally:
                aot.stop()
            log(f"  plain-rest with {self.aot_baseline_opts[0]}: ready after {aot_ready[-1]:.2f} s, RSS {aot_rss[-1]:.0f} MB")
        step_lines = []
        self.startup_steps(order, step_lines)
        stack_ready, stack_rss, stack_each = [], [], {m: [] for m in order}
        for i in range(1, self.sizes.start_runs + 1):
            log(f"run {i}: the whole stack at once")
            self.system.stop_all()
            took, each = self.system.start_all()
            for module in order:
                self.exercise_module(module)
                stack_each[module].append(each[module])
            stack_ready.append(took)
            stack_rss.append(sum(self.system.services[m].rss_mb() for m in order))
            log(f"  all ready after {took:.2f} s, total RSS {stack_rss[-1]:.0f} MB")
        b_ready, b_rss = median(base_ready), median(base_rss)
        a_ready, a_rss = median(aot_ready), median(aot_rss)
        container_env = " ".join(f"{k}={v}" for k, v in self.project.container_env.items())
        as_deployed = "" if self.args.jvm_opts else (f", as the generated Dockerfile runs it in a 512 MiB container"
                                                     + (f", with {container_env}" if container_env else ""))
        lines += [f"Median of {self.sizes.start_runs} run(s). Each process is `java <start-up cache> {' '.join(self.jvm_opts)} -jar "
                  f"target/quarkus-app/quarkus-run.jar` (prod profile{as_deployed}), where the start-up cache is the one "
                  "its build left next to the jar (column *cache*; none for a fast-jar). "
                  "*Ready* is the time from process start to the first `/q/health/ready` answering UP; "
                  f"*RSS* is the resident memory after {self.sizes.requests:,} sequential requests (its read endpoint; "
                  "`/q/health/ready` for worker and bot, which serve no API). Services are started one at a time, each after "
                  "those it calls; the baseline is the app of `quarkus create` (rest, smallrye-health), its `GET /hello`; "
                  f"the AOT baseline is the same app packaged with `-Dquarkus.package.jar.aot.enabled=true`, trained by its "
                  f"own integration test, run with `{self.aot_baseline_opts[0]}`. *CPU until ready* is the CPU time "
                  "(user + system, all threads) the process used until then, *JIT* the part of it its JIT compiler threads "
                  "used: started together, the services share the machine's cores, so the whole stack is ready no sooner "
                  "than the sum of their CPU divided by the cores.", "",
                  "| process | cache | ready | x baseline | x AOT baseline | CPU until ready (JIT) | RSS | x baseline | x AOT baseline |",
                  "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        used = lambda key: f"{median(cpu[key]):.2f} s ({median(jit[key]):.2f} s)"
        cache = lambda jar: " ".join(f"`{o}`" for o in startup_cache_options(Path(jar).parent)) or "none"
        for module in order:
            r, m = median(ready[module]), median(rss[module])
            lines.append(f"| {module} | {cache(self.project.jar(module))} | {r:.2f} s | {r / b_ready:.2f}x | {r / a_ready:.2f}x | "
                         f"{used(module)} | {m:.0f} MB | {m / b_rss:.2f}x | {m / a_rss:.2f}x |")
        lines.append(f"| baseline: plain REST app | {cache(self.baseline_jar)} | {b_ready:.2f} s | 1x | {b_ready / a_ready:.2f}x | "
                     f"{used('baseline')} | {b_rss:.0f} MB | 1x | {b_rss / a_rss:.2f}x |")
        lines.append(f"| AOT baseline: plain REST app | {cache(self.aot_baseline_jar)} | {a_ready:.2f} s | {a_ready / b_ready:.2f}x | 1x | "
                     f"{used('aot')} | {a_rss:.0f} MB | {a_rss / b_rss:.2f}x | 1x |")
        lines.append(f"| **whole stack, five started at once** | | **{median(stack_ready):.2f} s** until all ready | "
                     f"{median(stack_ready) / b_ready:.2f}x | {median(stack_ready) / a_ready:.2f}x | "
                     f"{sum(median(cpu[m]) for m in order):.2f} s in all, one at a time | **{median(stack_rss):.0f} MB** total | "
                     f"{median(stack_rss) / b_rss:.2f}x | {median(stack_rss) / a_rss:.2f}x |")
        lines += ["", "Started together (they share the cores), each was ready after: "
                  + ", ".join(f"{m} {median(stack_each[m]):.2f} s" for m in order) + "."]
        lines += step_lines

    STEP = re.compile(r"Build step (\S+) completed in: (\d+)ms")
    STARTED = re.compile(r"started in (\d+\.\d+)s")

    def startup_steps(self, order, lines, shown_from_ms=20):
        """What each start-up step costs: each service started once more with -Dquarkus.debug.print-startup-times=true,
        which makes Quarkus print the time of every step it runs at start (the extensions' runtime init)."""
        steps, started, ready = {}, {}, {}
        for module in order:
            service = self.system.start(module, ["-Dquarkus.debug.print-startup-times=true"])
            ready[module] = service.wait_ready()
            output = service.output_of_this_run()
            steps[module] = {name: int(ms) for name, ms in self.STEP.findall(output)}
            found = self.STARTED.search(output)
            started[module] = float(found.group(1)) if found else float("nan")
        self.system.stop_all()
        shown = sorted({name for module in order for name, ms in steps[module].items() if ms >= shown_from_ms},
                       key=lambda name: -max(steps[m].get(name, 0) for m in order))
        lines += ["", f"Start-up steps: each service started once more with `-Dquarkus.debug.print-startup-times=true`; the steps "
                  f"(`<extension's build processor>.<step>`) that took at least {shown_from_ms} ms in one of them, in ms "
                  "(- where the service has no such step). *All steps* is the sum of every step Quarkus timed; *started in* "
                  "is Quarkus' own figure, from the JVM's start of `main` to the HTTP server listening.", "",
                  "| step | " + " | ".join(order) + " |", "|---|" + "---:|" * len(order)]
        for name in shown:
            lines.append(f"| `{name}` | " + " | ".join(str(steps[m][name]) if name in steps[m] else "-" for m in order) + " |")
        lines.append("| all steps | " + " | ".join(str(sum(steps[m].values())) for m in order) + " |")
        lines.append("| started in | " + " | ".join(f"{started[m] * 1000:.0f}" for m in order) + " |")
        lines.append("| ready (this run) | " + " | ".join(f"{ready[m] * 1000:.0f}" for m in order) + " |")

    # ----- 3. the HTTP hop -----

    def wrk(self, url, threads, connections, seconds):
        """One wrk run: throughput, p50, p99, failed requests, and the CPU time per request of api, data-postgres and
        PostgreSQL during the run."""
        auth = self.system.auth["Authorization"]
        pids = {m: self.system.services[m].process.pid for m in (API, DATA_POSTGRES)}
        cpu_before = {m: cpu_seconds(pid) for m, pid in pids.items()} | {"postgres": postgres_cpu_seconds()}
        out = run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s",
                   "-H", f"Authorization: {auth}", "-H", "Accept: application/json", url], timeout=seconds + 60, what="wrk")
        cpu_after = {m: cpu_seconds(pid) for m, pid in pids.items()} | {"postgres": postgres_cpu_seconds()}
        self.system.check_alive()

        def latency(percentile):
            found = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
            if not found:
                raise BenchError(f"no {percentile}% latency in the wrk output:\n{out}")
            return float(found.group(1)) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[found.group(2)]
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
        errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, socket_errors.groups())) if socket_errors else 0)
        if errors and url not in self.error_samples:
            status, text = http_call("GET", url, headers={"Authorization": auth})
            self.error_samples[url] = f"{status}: {text[:300]}"
            log(f"  failed requests on {url}; one more request answers {self.error_samples[url]}")
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        cpu = {k: (cpu_after[k] - cpu_before[k]) / max(requests, 1) for k in cpu_after}
        return {"rps": rps, "p50": latency(50), "p99": latency(99), "errors": errors,
                "cpu_api": cpu[API], "cpu_data": cpu[DATA_POSTGRES], "cpu_pg": cpu["postgres"]}

    FIXED_RATE_WORKERS = 32

    def hey(self, url, rate, seconds):
        """One hey run at a fixed request rate (hey's workers each send at rate / workers per second, so that a
        closed-loop client does not hide latency by waiting): achieved rate, p50, p99, failed requests."""
        auth = self.system.auth["Authorization"]
        workers = self.FIXED_RATE_WORKERS
        out = run(["hey", "-z", f"{seconds}s", "-c", str(workers), "-q", f"{rate / workers:.2f}", "-t", "5",
                   # hey's default Content-Type is text/html, which the resources refuse (415)
                   "-T", "application/json",
                   "-H", f"Authorization: {auth}", "-H", "Accept: application/json", url], timeout=seconds + 60, what="hey")
        self.system.check_alive()

        def latency(percentile):
            found = re.search(rf"^\s+{percentile}% in ([\d.]+) secs", out, re.M)
            if not found:
                raise BenchError(f"no {percentile}% latency in the hey output:\n{out}")
            return float(found.group(1))
        answered = {int(code): int(n) for code, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
        errors = sum(n for code, n in answered.items() if code >= 400) + sum(
            int(n) for n in re.findall(r"^\s+\[(\d+)\]\s+Get ", out, re.M))
        if errors and url not in self.error_samples:
            self.error_samples[url] = f"answers {answered}; " + " ".join(re.findall(r"^\s+\[\d+\]\s+Get .*$", out, re.M)[:1])
            log(f"  failed requests on {url}: {self.error_samples[url]}")
        return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency(50),
                "p99": latency(99), "errors": errors}

    def alternating(self, targets, label, measure):
        """measure(url) on each target in turn, wrk_runs times: the median of each figure and the failed requests, by target."""
        samples = {target: [] for target in targets}
        for i in range(self.sizes.wrk_runs):
            for target, url in targets.items():
                samples[target].append(measure(url))
                s = samples[target][-1]
                log(f"  {target}{label}: {s['rps']:.0f} req/s, p50 {s['p50'] * 1000:.2f} ms, p99 {s['p99'] * 1000:.2f} ms")
        med = {t: {k: median([s[k] for s in runs]) for k in runs[0] if k != "errors"} for t, runs in samples.items()}
        return med, {t: sum(s["errors"] for s in runs) for t, runs in samples.items()}

    def warm_up(self, name, targets, threads, connections):
        """wrk on both targets in rounds until the JIT compilers of api and data-postgres are idle: under 5% of a
        core during a round (a service that has run for a while), at most wrk_warmup_rounds rounds."""
        pids = [self.system.services[m].process.pid for m in (API, DATA_POSTGRES)]
        started = time.monotonic()
        for round_ in range(1, self.sizes.wrk_warmup_rounds + 1):
            before, t0 = sum(compiler_cpu_seconds(p) for p in pids), time.monotonic()
            for url in targets.values():
                self.wrk(url, threads, connections, self.sizes.wrk_warmup_seconds)
            share = (sum(compiler_cpu_seconds(p) for p in pids) - before) / (time.monotonic() - t0)
            log(f"{name} load ({connections} connections): warm-up round {round_}, JIT compilers at {share * 100:.0f}% of a core")
            if share < 0.05:
                break
        self.warmup_took = getattr(self, "warmup_took", []) + [time.monotonic() - started]

    def http_hop(self, lines):
        path = f"{self.project.resource_path}/{self.task_id}"
        targets = {"direct": self.system.url(DATA_POSTGRES) + path, "hop": self.system.url(API) + path}
        levels = [("moderate", 1, 4), ("high", 2, 32)]
        table = []
        for name, threads, connections in levels:
            self.warm_up(name, targets, threads, connections)
            med, errors = self.alternating(targets, "", lambda url: self.wrk(url, threads, connections, self.sizes.wrk_seconds))
            table.append((name, threads, connections, med, errors))
        lines += [f"`wrk -t<threads> -c<connections> -d{self.sizes.wrk_seconds}s --latency` on `GET {self.project.resource_path}/{{id}}` "
                  "(bearer token on both), directly on data-postgres-service and through api-service (JWT check, "
                  "fault-tolerant REST client, JSON both ways), alternating, same run; median of "
                  f"{self.sizes.wrk_runs} run(s) after a warm-up: {self.sizes.wrk_warmup_seconds} s rounds of both until the "
                  "JIT compilers of both services were idle (under 5% of a core), as in a service that has run for a while ("
                  + " and ".join(f"{t:.0f} s" for t in self.warmup_took) + "). "
                  "wrk, PostgreSQL and the services share the machine's cores; *CPU per request* is the CPU time "
                  "(user + system) each process used during the run divided by the requests wrk completed.", "",
                  "| load | path | req/s | p50 | p99 | errors | CPU per request: api / data-postgres / PostgreSQL |",
                  "|---|---|---:|---:|---:|---:|---|"]
        verdicts = []
        for name, threads, connections, med, errors in table:
            d, h = med["direct"], med["hop"]
            label = f"{name}: {threads} thread(s), {connections} connections"
            def cpu(m, api=True):
                return (f"{m['cpu_api'] * 1e6:.0f}" if api else "-") + f" / {m['cpu_data'] * 1e6:.0f} / {m['cpu_pg'] * 1e6:.0f} us"
            lines.append(f"| {label} | direct | {d['rps']:.0f} | {d['p50'] * 1000:.2f} ms | {d['p99'] * 1000:.2f} ms | "
                         f"{errors['direct']} | {cpu(d, api=False)} |")
            lines.append(f"| | through api | {h['rps']:.0f} | {h['p50'] * 1000:.2f} ms | {h['p99'] * 1000:.2f} ms | "
                         f"{errors['hop']} | {cpu(h)} |")
            lines.append(f"| | **hop** | **{h['rps'] / d['rps'] * 100:.0f}%** of direct | **{(h['p50'] - d['p50']) * 1000:+.2f} ms** | "
                         f"{(h['p99'] - d['p99']) * 1000:+.2f} ms | | |")
            if errors["direct"] or errors["hop"]:
                self.failures.append(f"HTTP hop, {name} load: {errors['direct']} + {errors['hop']} failed requests")
            verdicts.append((name, h["rps"] / d["rps"], (h["p50"] - d["p50"]) * 1000))
        throughput_ok = all(ratio >= 0.5 for _, ratio, _ in verdicts)
        moderate_ok = next(added for name, _, added in verdicts if name == "moderate") < 1.0
        lines += ["", f"Target: the hop keeps at least 50% of the direct throughput (at every load: "
                  f"{'met' if throughput_ok else '**NOT met**'}) and adds under 1 ms at p50 at moderate load "
                  f"({'met' if moderate_ok else '**NOT met**'})."]
        self.fixed_rate(lines, targets, max(med["direct"]["rps"] for _, _, _, med, _ in table) / 2)

    def fixed_rate(self, lines, targets, rate):
        """Latency at a fixed request rate, half of the direct maximum, on both paths (alternating, medians)."""
        med, errors = self.alternating(targets, f" at {rate:.0f} req/s", lambda url: self.hey(url, rate, self.sizes.wrk_seconds))
        if errors["direct"] or errors["hop"]:
            self.failures.append(f"HTTP hop at a fixed rate: {errors['direct']} + {errors['hop']} failed requests")
        d, h = med["direct"], med["hop"]
        lines += ["", f"At a fixed rate, half of the direct maximum above ({rate:.0f} req/s): `hey -z {self.sizes.wrk_seconds}s "
                  f"-c {self.FIXED_RATE_WORKERS} -q <rate / {self.FIXED_RATE_WORKERS}>`, each worker sending at its share of "
                  f"the rate, so that latency is not hidden by a client that waits for each answer; median of {self.sizes.wrk_runs} run(s), alternating.", "",
                  "| path | req/s | p50 | p99 | errors |", "|---|---:|---:|---:|---:|",
                  f"| direct | {d['rps']:.0f} | {d['p50'] * 1000:.2f} ms | {d['p99'] * 1000:.2f} ms | {errors['direct']} |",
                  f"| through api | {h['rps']:.0f} | {h['p50'] * 1000:.2f} ms | {h['p99'] * 1000:.2f} ms | {errors['hop']} |",
                  f"| **hop** | | **{(h['p50'] - d['p50']) * 1000:+.2f} ms** | **{(h['p99'] - d['p99']) * 1000:+.2f} ms** | |"]

    # ----- 4. event pipeline -----

    def processed(self):
        return self.system.metric(WORKER, "events_succeeded_total")

    def await_processing(self, what, until, stall_seconds=90, interval=0.5, on_sample=None):
        """Samples the worker's processed-event counter until until(count) holds; fails when it stops moving."""
        samples = []
        last_change, last = time.monotonic(), None
        while True:
            self.system.check_alive()
            now, count = time.monotonic(), self.processed()
            samples.append((now, count))
            if on_sample:
                on_sample(now, count)
            if until(count):
                return samples
            if count != last:
                last, last_change = count, now
            elif now - last_change > stall_seconds:
                raise BenchError(f"{what}: no progress for {stall_seconds} s (worker processed {count:.0f}); "
                                 f"queues {self.scratch.queues()}")
            time.sleep(interval)

    def await_queues_empty(self, queues, timeout=120):
        def probe():
            counts = self.scratch.queues()
            return all(sum(counts.get(q, (0, 0))) == 0 for q in queues) and counts
        return wait_until(f"queues {', '.join(queues)} to be empty", timeout, probe, interval=1,
                          state=lambda: str(self.scratch.queues()))

    def pipeline(self, lines):
        n, project = self.sizes.events, self.project
        baseline_queue = f"{project.worker_queue}.bench-baseline"
        # a backlog each time, so that what is measured is the consumers, not the publisher: the worker and the bot
        # take no event while the events are published (to their queues and to the baseline's)
        log(f"cold: stopping the worker and the bot; publishing {n:,} {project.event_type} events to {project.exchange}")
        for module in (WORKER, BOT):
            self.system.services[module].stop()

        def start():
            self.system.restart(BOT)
            began = time.monotonic()
            self.system.restart(WORKER)
            return began, 0.0, 0.0
        cold = self.backlog_round("cold", 4_000_000_001, baseline_queue, start)

        consumers = [self.system.services[m].process for m in (WORKER, BOT)]
        log(f"warm: the worker and the bot frozen (SIGSTOP) while {n:,} more events are published")
        offsets = self.processed(), self.system.metric(BOT, "events_succeeded_total")  # (a frozen process answers nothing)
        for process in consumers:
            process.send_signal(signal.SIGSTOP)

        def resume():
            for process in consumers:
                process.send_signal(signal.SIGCONT)
            return time.monotonic(), *offsets
        try:
            warm = self.backlog_round("warm", 4_000_000_002, baseline_queue, resume)
        finally:
            for process in consumers:
                if process.poll() is None:
                    process.send_signal(signal.SIGCONT)

        prefetch = project.prefetch
        lines += [f"{n:,} CloudEvents `{project.event_type}` published to the exchange `{project.exchange}` (routing key = type, "
                  "persistent, publisher confirms) by one client as fast as the confirms allow, while the worker and the bot "
                  "take none; then both drain their backlogs at once. The worker (prefetch "
                  f"{prefetch}, in batches: `events.batch.*`) records each as an activity through data-mongo-service, "
                  "one bulk call per batch; the bot consumes its own copy at the same time. Twice: *cold*, the worker and "
                  "the bot stopped during the publishing and started on their backlogs (their JIT compilers start from "
                  "the cache's profiles); *warm*, right after, the same processes frozen (SIGSTOP) during the publishing "
                  "of as many events again and resumed (SIGCONT), as services that have run for a while (section 3 "
                  "measures its steady state the same way). Baseline: a bare AMQP consumer (prefetch "
                  f"{prefetch}, one ack per message, no work) drains a third queue bound to the same events, alone, in "
                  "each round.", "",
                  "| round | events | publish rate | baseline: bare consumer | worker rate (10%-90%) | worker / baseline | "
                  "worker done after | bot done after | worker's JIT compilers | activities in data-mongo | worker DLQ | exactly once |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
        for r in (cold, warm):
            lines.append(f"| {r['round']} | {n:,} | {r['publish']:,.0f}/s | {r['baseline']:,.0f}/s | **{r['steady']:,.0f} events/s** | "
                         f"{r['steady'] / r['baseline']:.2f}x | {r['done']:.1f} s | {r['bot_done']:.1f} s | "
                         f"{r['jit'] * 100:.0f}% of a core | {r['activities']:,} | {r['dlq']} | {'yes' if r['ok'] else '**NO**'} |")
        lines += ["", "CPU time (user + system) per event of each process of the pipeline, from the resumption until the "
                  "worker had processed every event (the bot's per event it had processed by then), in microseconds; "
                  "the machine has 2 cores, so 5,000 events/s leave 400 us per event for all of them together:", "",
                  "| round | " + " | ".join(self.PIPELINE_CPU) + " | sum |", "|---|" + "---:|" * (len(self.PIPELINE_CPU) + 1)]
        for r in (cold, warm):
            lines.append(f"| {r['round']} | " + " | ".join(f"{r['cpu'][k] * 1e6:,.0f}" for k in self.PIPELINE_CPU)
                         + f" | {sum(r['cpu'].values()) * 1e6:,.0f} |")
        lines += ["", f"Times count from the worker's start (cold: it was ready after {cold['first']:.1f} s at most, its "
                  f"first event) or resumption (warm). Target: the worker records at least 5,000 events/s when warm "
                  f"({'met' if warm['steady'] >= 5000 else '**NOT met**'}); cold, from its start, "
                  f"{cold['steady'] / 5000:.2f}x that."]

    def backlog_round(self, name, entity, baseline_queue, resume):
        """Publishes the events of one entity while the worker and the bot take none, lets the bare consumer drain the
        baseline queue, then resume() (returning the start time and the worker's and the bot's processed counts
        before) and the worker and the bot drain their queues; the rates, and whether each event was recorded once."""
        n, project = self.sizes.events, self.project
        self.tools.baseline_queue(self.scratch, baseline_queue, project.exchange, project.event_type)  # drain deletes it
        result = finish_publisher(self.tools.publisher(self.scratch, project.exchange, project.event_type, entity, n,
                                                       self.work / f"pipeline-{name}.ids"), 900)
        log(f"{name}: baseline: a bare consumer (prefetch {project.prefetch}, one ack per message) drains {result['acked']:,} of them")
        baseline_seconds = self.tools.drain(self.scratch, baseline_queue, result["acked"], project.prefetch)
        log(f"{name}: the bot and the worker drain their backlogs")
        began, worker_before, bot_before = resume()
        worker_pid = self.system.services[WORKER].process.pid
        compiler_before = compiler_cpu_seconds(worker_pid)
        cpu_before = self.pipeline_cpu()
        progress = {"next": time.monotonic() + 10}

        def report(now, count):
            if now >= progress["next"]:
                progress["next"] = now + 10
                log(f"  {name}: worker processed {count - worker_before:,.0f} of {n:,}")
        samples = self.await_processing(f"the event pipeline ({name})", lambda c: c - worker_before >= result["acked"],
                                        on_sample=report, stall_seconds=120, interval=0.2)
        end = samples[-1][0]
        jit = (compiler_cpu_seconds(worker_pid) - compiler_before) / max(end - began, 1e-9)
        # until the worker is done: the bot may still be draining, and its figure is per event it processed by then
        cpu_after = self.pipeline_cpu()
        bot_by_then = self.system.metric(BOT, "events_succeeded_total") - bot_before
        cpu = {k: (cpu_after[k] - cpu_before[k]) / max(bot_by_then if k == BOT else samples[-1][1] - worker_before, 1)
               for k in cpu_after}
        processed = [(t - began, c - worker_before) for t, c in samples]

        def at(fraction):
            return next((t for t, c in processed if c >= fraction * n), None)
        t10, t90 = at(0.1), at(0.9)
        first = next((t for t, c in processed if c > 0), 0.0)
        if n >= 1000 and t10 is not None and t90 is not None and t90 > t10:
            steady = 0.8 * n / (t90 - t10)
        else:  # a few events (smoke): from the first one on, or from the start when all came in one sample
            span = end - began - first
            steady = processed[-1][1] / (span if span >= 0.2 else max(end - began, 1e-9))
        log(f"{name}: waiting for the bot (its own queue on the same events) to drain")
        bot_done = wait_until(f"the bot to process its copy of the events ({name})", 600,
                              lambda: self.system.metric(BOT, "events_succeeded_total") - bot_before >= result["acked"] and time.monotonic(),
                              interval=0.5, state=lambda: f"bot processed {self.system.metric(BOT, 'events_succeeded_total') - bot_before:.0f}")
        queues = self.await_queues_empty([project.worker_queue, project.bot_queue])
        activities = self.system.activity_count(entity)
        dlq = sum(queues.get(project.worker_dlq, (0, 0)))
        ok = activities == n and result["acked"] == n and dlq == 0
        if not ok:
            self.failures.append(f"event pipeline ({name}): {n} published, {result['acked']} confirmed, {activities} activities, DLQ {dlq}")
        log(f"{name}: worker {steady:,.0f} events/s (10%-90%), bare consumer {result['acked'] / baseline_seconds:,.0f}/s, "
            f"worker's JIT compilers at {jit * 100:.0f}% of a core; CPU per event: "
            + ", ".join(f"{k} {v * 1e6:,.0f} us" for k, v in cpu.items()))
        return {"round": name, "publish": result["acked"] / result["seconds"], "baseline": result["acked"] / baseline_seconds,
                "steady": steady, "done": end - began, "bot_done": bot_done - began, "first": first, "jit": jit, "cpu": cpu,
                "activities": activities, "dlq": dlq, "ok": ok}

    PIPELINE_CPU = (WORKER, BOT, DATA_MONGO, "MongoDB endpoint", "RabbitMQ", "Redis")

    def pipeline_cpu(self):
        """CPU time used so far by each process the event pipeline runs through, in PIPELINE_CPU's order."""
        services = self.system.services
        return {WORKER: cpu_seconds(services[WORKER].process.pid), BOT: cpu_seconds(services[BOT].process.pid),
                DATA_MONGO: cpu_seconds(services[DATA_MONGO].process.pid), "MongoDB endpoint": cpu_seconds(self.system.mongo.pid),
                "RabbitMQ": command_cpu_seconds("beam.smp"), "Redis": command_cpu_seconds("redis-server")}

    # ----- 5. faults -----

    def faults(self, lines):
        lines += ["Each test counts what it sent, what was acknowledged (a 2xx answer; a publisher confirm), what was "
                  "processed (a write through the api: it is in PostgreSQL and its created event was recorded once, as "
                  "the one activity of the entity in data-mongo; an event: one activity in data-mongo) and what was lost "
                  "(acknowledged but not processed: not stored, or no activity). **lost must be 0**, and so must the "
                  "duplicates (an entity with more than one activity).", "",
                  "| fault | sent | acknowledged | processed | lost | what else was measured |", "|---|---:|---:|---:|---:|---|"]
        tests = [self.fault_data_postgres, self.fault_broker_down_writes, self.fault_broker_restart, self.fault_worker_kill,
                 self.fault_poison, self.fault_crash_loop]
        if self.args.no_broker_restart:
            tests.remove(self.fault_broker_down_writes)
            tests.remove(self.fault_broker_restart)
        for test in tests:
            try:
                row = test()
            except BenchError as e:
                self.failures.append(f"{test.__name__}: {e}")
                row = (test.__doc__.strip().splitlines()[0], "-", "-", "-", "**FAILED**", str(e)[:300].replace("\n", " "))
                self.heal()
            if row[4] not in (0, "0"):
                self.failures.append(f"{row[0]}: lost {row[4]}")
            lines.append("| " + " | ".join(str(v) for v in row) + " |")

    def fault_data_postgres(self):
        """`kill -9` data-postgres during POST load through the api"""
        title = self.fault_data_postgres.__doc__.strip()
        baseline = self.system.activity_total()
        load = self.post_load("fault-a")
        try:
            time.sleep(self.sizes.fault_seconds)
            log("kill -9 data-postgres-service")
            killed = time.monotonic()
            self.system.services[DATA_POSTGRES].kill9()
            time.sleep(self.sizes.fault_seconds)
            log("restarting data-postgres-service")
            restarted = time.monotonic()
            ready = self.system.restart(DATA_POSTGRES)
            back = wait_until("a 201 through the api after the restart", 60, lambda: load.first_success_after(restarted),
                              interval=0.1)
            time.sleep(self.sizes.fault_seconds)
        finally:
            load.stop()
        acknowledged = load.acknowledged()
        outage = [r for r in load.results if r[0] + r[1] >= killed and r[0] <= back and not ok(r[2])]
        check = self.check_created_events(acknowledged, "after the data-postgres kill", baseline)
        if check["duplicates"]:
            self.failures.append(f"{title}: {check['duplicates']} entities with more than one activity")
        max_outage = max((r[1] for r in outage), default=0.0)
        notes = (f"{load.clients} clients, {self.sizes.post_rate} POST/s; during the outage: {len(outage)} calls, answers "
                 f"{statuses(outage)}, slowest {ms(max_outage)}; data-postgres ready {ready:.1f} s after restart, first 201 "
                 f"through the api {back - restarted:.1f} s after restart; stored {check['stored']}, events processed once "
                 f"{check['once']}, duplicates {check['duplicates']}")
        return title, len(load.results), len(acknowledged), check["once"], check["lost"], notes

    def fault_broker_down_writes(self):
        """RabbitMQ stopped during POST load through the api; meanwhile `kill -9` of data-postgres and the api"""
        title = self.fault_broker_down_writes.__doc__.strip()
        seconds = self.sizes.fault_seconds
        self.await_broker_to_ourselves()
        baseline = self.system.activity_total()
        load = self.post_load("fault-b")
        samples = []
        try:
            time.sleep(seconds)
            log("rabbitmqctl stop_app (the POST load goes on)")
            stopping = time.monotonic()
            self.rabbit_stopped = True
            rabbitmqctl("stop_app")
            stopped = time.monotonic()
            time.sleep(seconds)
            # the events of the writes so far wait for the broker: kill whatever holds them, start it again
            log("kill -9 data-postgres-service and api-service while the broker is down; restarting them")
            for module in (DATA_POSTGRES, API):
                self.system.services[module].kill9()
            killed = time.monotonic()
            restart = {module: self.system.restart(module) for module in (DATA_POSTGRES, API)}
            back = wait_until("a 2xx through the api after the restart", 60, lambda: load.first_success_after(killed), interval=0.1)
            time.sleep(max(0.0, seconds - (time.monotonic() - back)))
            log("rabbitmqctl start_app")
            rabbitmqctl("start_app")
            self.rabbit_stopped = False
            started = time.monotonic()
            while time.monotonic() < started + seconds:  # the load goes on; the activities are counted meanwhile
                samples.append((time.monotonic(), self.system.activity_total() - baseline))
                time.sleep(0.25)
        finally:
            load.stop()
        acknowledged = load.acknowledged()
        outage = [r for r in load.results if r[0] + r[1] >= stopping and r[0] <= started]
        check = self.check_created_events(acknowledged, "after the broker outage", baseline, samples=samples)
        if check["duplicates"]:
            self.failures.append(f"{title}: {check['duplicates']} entities with more than one activity")
        final = samples[-1][1]
        last = next(t for t, c in samples if c >= final)
        notes = (f"{load.clients} clients, {self.sizes.post_rate} POST/s; broker stopped for {started - stopped:.1f} s "
                 f"(stop_app took {stopped - stopping:.1f} s); data-postgres and api killed {killed - stopped:.1f} s into it, "
                 f"ready again after {restart[DATA_POSTGRES]:.1f} s and {restart[API]:.1f} s, first 2xx {back - killed:.1f} s after the kill; "
                 f"load went on {seconds} s after start_app; during the outage: "
                 f"{len(outage)} calls, answers {statuses(outage)}, slowest {ms(max((r[1] for r in outage), default=0.0))}; "
                 f"last event processed {last - started:.1f} s after start_app; stored {check['stored']}, events processed "
                 f"once {check['once']}, duplicates {check['duplicates']}")
        return title, len(load.results), len(acknowledged), check["once"], check["lost"], notes

    def post_load(self, prefix):
        """Starts POSTs through the api at post_rate (post_clients clients): stop() them."""
        return PostLoad(self.system.url(API), self.project.resource_path,
                        {**self.system.auth, "Content-Type": "application/json", "Accept": "application/json"},
                        self.sizes.post_clients, self.sizes.post_rate, prefix)

    def check_created_events(self, writes, what, baseline, timeout=180, samples=None):
        """Every 2xx write (id, name) stored, its created event processed once: waits until data-mongo holds an activity
        of each (the number of activities, one request a sample, up from baseline; then the entities not seen yet), or
        the worker's queue has been empty and that number still for 10 s, or timeout; then reads each entity from
        data-postgres and its activities from data-mongo. Returns stored, once, lost (not stored or no activity),
        duplicates (more than one activity) and the samples (time, activities since baseline)."""
        samples = [] if samples is None else samples
        ids = [i for i, _ in writes if i is not None]
        mongo = KeepAlive(self.system.url(DATA_MONGO), timeout=60)
        seen = set()
        began = time.monotonic()
        last, last_change, drained_since, next_log = None, began, None, began + 10
        log(f"{what}: waiting for the activities of {len(writes)} acknowledged writes")
        try:
            while True:
                now, count = time.monotonic(), self.system.activity_total() - baseline
                samples.append((now, count))
                moved = count != last
                if moved:
                    last, last_change, drained_since = count, now, None
                if count >= len(writes):
                    seen.update(i for i in ids if i not in seen and self.system.activity_event_ids(i, mongo))
                    if len(seen) == len(ids):
                        break
                if now - began > timeout:
                    log(f"{what}: {count} of {len(writes)} activities after {timeout} s; giving up")
                    break
                if not moved:
                    ready, unacked = self.scratch.queues().get(self.project.worker_queue, (0, 0))
                    if ready + unacked:
                        drained_since = None
                    elif drained_since is None:
                        drained_since = now
                    elif now - drained_since >= 10 and now - last_change >= 10:
                        log(f"{what}: the worker's queue empty and {count} of {len(writes)} activities for 10 s; giving up")
                        break
                if now >= next_log:
                    next_log = now + 10
                    log(f"{what}: {count} of {len(writes)} activities")
                time.sleep(0.25)
            self.await_queues_empty([self.project.worker_queue])
            log(f"{what}: reading the {len(writes)} entities and their activities")
            data = KeepAlive(self.system.url(DATA_POSTGRES))
            stored = once = lost = duplicates = 0
            try:
                for task_id, name in writes:
                    status, body = (data.call("GET", f"{self.project.resource_path}/{task_id}", headers={"Accept": "application/json"})
                                    if task_id is not None else (None, b""))
                    is_stored = status == 200 and json.loads(body).get("title") == name
                    events = self.system.activity_event_ids(task_id, mongo) if task_id is not None else []
                    stored += is_stored
                    if not is_stored or not events:
                        lost += 1
                    elif len(events) > 1:
                        duplicates += 1
                    else:
                        once += 1
            finally:
                data.close()
        finally:
            mongo.close()
        log(f"{what}: stored {stored}, processed once {once}, lost {lost}, duplicates {duplicates} "
            f"({time.monotonic() - began:.0f} s)")
        return {"stored": stored, "once": once, "lost": lost, "duplicates": duplicates, "samples": samples}

    def stream_loss(self, entity, acked_ids, what, timeout=180):
        """Waits until every confirmed event is recorded, or the worker's queue has stayed empty for 5 s (nothing more
        will come), then compares the confirmed event ids with the recorded ones: (processed, lost, duplicates)."""
        expected = set(i for i in acked_ids if not i.startswith("poison-"))
        deadline, drained_since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            if self.system.activity_count(entity) >= len(expected):
                break
            ready, unacked = self.scratch.queues().get(self.project.worker_queue, (0, 0))
            if ready + unacked:
                drained_since = None
            elif drained_since is None:
                drained_since = time.monotonic()
            elif time.monotonic() - drained_since > 5:
                log(f"{what}: the worker's queue is empty, {self.system.activity_count(entity)} of {len(expected)} recorded")
                break
            time.sleep(1)
        else:
            log(f"{what}: still not all recorded after {timeout} s")
        self.await_queues_empty([self.project.worker_queue])
        recorded = self.system.activity_event_ids(entity)
        processed = expected & set(recorded)
        duplicates = len(recorded) - len(set(recorded))
        return len(processed), len(expected - processed), duplicates

    def fault_broker_restart(self):
        """RabbitMQ restarted (`rabbitmqctl stop_app` / `start_app`) during an event stream"""
        title = self.fault_broker_restart.__doc__.strip()
        rate = self.sizes.stream_rate
        entity, n = 5_000_000_002, rate * self.sizes.stream_seconds
        ids = self.work / "broker-restart.ids"
        self.await_broker_to_ourselves()
        before = self.processed()
        publisher = self.tools.publisher(self.scratch, self.project.exchange, self.project.event_type, entity, n, ids, rate=rate)
        self.await_processing("the stream before the restart", lambda c: c - before >= 3 * rate)
        log("rabbitmqctl stop_app")
        self.rabbit_stopped = True
        rabbitmqctl("stop_app")
        stopped = time.monotonic()
        time.sleep(self.sizes.fault_seconds)
        log("rabbitmqctl start_app")
        rabbitmqctl("start_app")
        self.rabbit_stopped = False
        started = time.monotonic()
        at_start = self.processed()
        worker = self.system.services[WORKER]
        try:
            resumed = wait_until("the worker to consume again after start_app", 120,
                                 lambda: self.processed() > at_start and time.monotonic(), interval=0.25)
            recovery = f"worker consuming again {resumed - started:.1f} s after start_app"
        except BenchError:
            dump = self.system.log_dir / "worker-threads.txt"
            subprocess.run([str(self.java_home / "bin/jcmd"), str(worker.process.pid), "Thread.print"],
                           stdout=open(dump, "w"), stderr=subprocess.STDOUT, timeout=60)
            recovery = f"**the worker did not consume again within 120 s** (threads: {dump})"
        result = finish_publisher(publisher, self.sizes.stream_seconds * 3 + 120)
        processed, lost, duplicates = self.stream_loss(entity, Path(ids).read_text().split(), "after the broker restart")
        if "did not" in recovery:
            log("restarting the worker for the next tests")
            worker.stop()
            self.system.restart(WORKER)
        notes = (f"{rate} events/s for {self.sizes.stream_seconds} s; broker stopped for {started - stopped:.1f} s; publisher "
                 f"reconnected {result['reconnects']}x, {result['unconfirmed']} sent but unconfirmed; {recovery}; "
                 f"duplicate activities {duplicates}")
        return title, result["sent"], result["acked"], processed, lost, notes

    def await_broker_to_ourselves(self, timeout=300):
        """The restart disconnects every client of the broker: wait until only this run's clients are connected."""
        def others():
            lines = rabbitmqctl("list_connections", "vhost", "name").splitlines()
            return [line for line in lines if "\t" in line and line.split("\t")[0] not in (self.scratch.vhost, "vhost")]
        if others():
            log(f"waiting (up to {timeout} s) for other clients of RabbitMQ to leave before restarting it: {others()[:3]}")
        wait_until("no other clients connected to RabbitMQ (or run with --no-broker-restart)", timeout,
                   lambda: not others(), interval=2, state=lambda: str(others()[:5]))

    def fault_worker_kill(self):
        """`kill -9` of the worker mid-stream, then restart"""
        title = self.fault_worker_kill.__doc__.strip()
        entity, n = 6_000_000_003, self.sizes.burst_events
        ids = self.work / "worker-kill.ids"
        before = self.processed()
        publisher = self.tools.publisher(self.scratch, self.project.exchange, self.project.event_type, entity, n, ids)
        self.await_processing("the stream before the kill", lambda c: c - before >= n / 3)
        log("kill -9 worker-service")
        self.system.services[WORKER].kill9()
        dlq_before = sum(self.scratch.queues().get(self.project.worker_dlq, (0, 0)))
        time.sleep(1)
        log("restarting worker-service")
        ready = self.system.restart(WORKER)
        result = finish_publisher(publisher, 300)
        processed, lost, duplicates = self.stream_loss(entity, Path(ids).read_text().split(), "after the worker restart")
        queues = self.scratch.queues()
        dlq = sum(queues.get(self.project.worker_dlq, (0, 0))) - dlq_before
        repeated = self.system.metric(WORKER, "events_duplicate_total")
        notes = (f"worker ready {ready:.1f} s after restart; redelivered events acknowledged as duplicates {repeated:.0f}; "
                 f"duplicate activities {duplicates}; dead-lettered {dlq}")
        if dlq:
            self.failures.append(f"{title}: {dlq} event(s) dead-lettered after the restart")
        return title, result["sent"], result["acked"], processed, lost, notes

    def fault_poison(self):
        """Poison messages within a stream of valid events"""
        title = self.fault_poison.__doc__.strip()
        entity, valid, poison = 7_000_000_004, self.sizes.valid_events, self.sizes.poison_events
        ids = self.work / "poison.ids"
        q = self.project
        dlq_before = {name: sum(self.scratch.queues().get(name, (0, 0))) for name in (q.worker_dlq, q.bot_dlq)}
        publisher = self.tools.publisher(self.scratch, q.exchange, q.event_type, entity, valid, ids, poison=poison)
        result = finish_publisher(publisher, 120)
        acked_ids = Path(ids).read_text().split()
        acked_poison = sum(1 for i in acked_ids if i.startswith("poison-"))

        def dead_lettered():
            counts = self.scratch.queues()
            return sum(counts.get(q.worker_dlq, (0, 0))) - dlq_before[q.worker_dlq]
        try:
            wait_until(f"{acked_poison} poison messages in {q.worker_dlq}", 120, lambda: dead_lettered() >= acked_poison,
                       interval=1, state=lambda: f"{dead_lettered()} dead-lettered")
        except BenchError as e:
            log(str(e))
        processed, lost_valid, duplicates = self.stream_loss(entity, acked_ids, "poison stream")
        in_dlq = dead_lettered()
        bot_dlq = sum(self.scratch.queues().get(q.bot_dlq, (0, 0))) - dlq_before[q.bot_dlq]
        lost = lost_valid + max(0, acked_poison - in_dlq)
        for name in (q.worker_dlq, q.bot_dlq):
            rabbitmqctl("purge_queue", "-p", self.scratch.vhost, name)
        notes = (f"{acked_poison} poison messages of 7 kinds (not JSON, not a CloudEvent, wrong specversion, no id, data "
                 f"not an object, no data id, data that data-mongo rejects) among {valid} valid events: {in_dlq} in the worker's DLQ "
                 f"(the bot's: {bot_dlq}); all {processed} valid ones processed, duplicates {duplicates}")
        return title, result["sent"], result["acked"], f"{processed} + {in_dlq} dead-lettered", lost, notes

    def fault_crash_loop(self):
        """A message that crashes the worker every time it is delivered"""
        title = self.fault_crash_loop.__doc__.strip()
        limit, q = self.project.delivery_limit, self.project
        if limit is None:
            raise BenchError(f"{q.worker_queue} has no delivery limit (queue.x-delivery-limit in the worker's application.properties)")
        mongo = self.system.services[DATA_MONGO]
        dlq_before = sum(self.scratch.queues().get(q.worker_dlq, (0, 0)))

        def dead_lettered():
            return sum(self.scratch.queues().get(q.worker_dlq, (0, 0))) - dlq_before
        # data-mongo frozen: the worker holds the message (a call that does not return) until it is killed, as if the
        # message itself made the process die
        log("SIGSTOP data-mongo-service; one event; kill -9 of the worker at each delivery of it")
        mongo.process.send_signal(signal.SIGSTOP)
        crashes, sent = 0, 0
        try:
            result = finish_publisher(self.tools.publisher(self.scratch, q.exchange, q.event_type, 8_000_000_005, 1,
                                                           self.work / "crash.ids"), 60)
            sent += result["sent"]
            while not dead_lettered():
                if crashes > limit + 2:
                    raise BenchError(f"still not dead-lettered after {crashes} crashes (delivery limit {limit})")
                outcome = wait_until("the worker to take the message (or the broker to dead-letter it)", 90,
                                     lambda: ("dead-lettered" if dead_lettered() else
                                              self.system.metric(WORKER, "events_consumed_total") >= 1 and "delivered"),
                                     interval=0.1)
                if outcome == "delivered":
                    self.system.services[WORKER].kill9()  # a restart replaces the service object
                    crashes += 1
                    self.system.restart(WORKER)
        finally:
            mongo.process.send_signal(signal.SIGCONT)
        # the stream goes on
        entity, n = 8_000_000_006, self.sizes.valid_events
        ids = self.work / "after-crash.ids"
        result = finish_publisher(self.tools.publisher(self.scratch, q.exchange, q.event_type, entity, n, ids), 120)
        processed, lost, duplicates = self.stream_loss(entity, Path(ids).read_text().split(), "after the crash loop")
        in_dlq = dead_lettered()
        rabbitmqctl("purge_queue", "-p", self.scratch.vhost, q.worker_dlq)
        if crashes != limit + 1 or in_dlq != 1:
            self.failures.append(f"{title}: {crashes} crashes, {in_dlq} in the DLQ (delivery limit {limit}: expected "
                                 f"{limit + 1} crashes, then the message in the DLQ)")
        notes = (f"the worker killed at each of the {crashes} deliveries of the message (delivery limit {limit}), then the "
                 f"broker dead-lettered it ({in_dlq} in the DLQ); then {n} valid events: {processed} processed, "
                 f"duplicates {duplicates}")
        return title, sent + result["sent"], 1 + result["acked"], f"{processed} + {in_dlq} dead-lettered", lost + 1 - in_dlq, notes

    # ----- report -----

    def print_report(self, took):
        m = getattr(self, "machine", None)
        out = [f"# msframework benchmarks ({'smoke' if self.smoke else 'full'} mode), "
               f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}", ""]
        if m:
            out += [f"Machine: {m['cpu']}, {m['ram']} RAM, {m['os']}; JDK: {m['jdk']}; {m['postgres']}; {m['rabbitmq']}; "
                    f"{m['redis']}; {m['wrk']}; {m['maven']}; Quarkus {QUARKUS_VERSION}.", ""]
        if getattr(self, "project", None):
            out += [f"Project: `{self.project.root}`" + (f" (built in {self.project_build_seconds:.0f} s)"
                                                       if getattr(self, "project_build_seconds", None) else "") + ".", ""]
        out += self.report
        load = f" Load average (1 min) when it started: {m['load']}." if m else ""
        out += [f"Run took {took:.0f} s.{load}" + (" **Checks failed:**" if self.failures else " All checks passed.")]
        out += [f"- {f}" for f in self.failures]
        text = "\n".join(out) + "\n"
        print(text)
        if self.args.markdown:
            Path(self.args.markdown).write_text(text, encoding="utf-8")


def ok(status):
    return status is not None and 200 <= status < 300


def statuses(calls):
    """{status: calls} of (began, took, status, ...) records; None: no answer."""
    counts = {}
    for r in calls:
        counts[r[2]] = counts.get(r[2], 0) + 1
    return counts


class PostLoad:
    """POSTs of new entities through the api, rate in all, each of the clients at its fixed pace over its own
    connection, until stop(); every call recorded in results as (began, took, status, id, name)."""

    def __init__(self, api, path, headers, clients, rate, prefix):
        self.api, self.path, self.headers, self.clients, self.prefix = api, path, headers, clients, prefix
        self.interval = clients / rate
        self.results, self.lock, self.stopping = [], threading.Lock(), threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(k,), daemon=True) for k in range(clients)]
        for t in self.threads:
            t.start()

    def run(self, k):
        client, i, due = KeepAlive(self.api, timeout=10), 0, time.monotonic()
        try:
            while not self.stopping.is_set():
                due += self.interval
                time.sleep(max(0.0, due - time.monotonic()))
                name = f"{self.prefix} {k}-{i}"
                began = time.monotonic()
                status, body = client.call("POST", self.path, json.dumps({"title": name, "status": "OPEN"}), self.headers)
                took = time.monotonic() - began
                try:
                    entity_id = json.loads(body).get("id") if ok(status) else None
                except (ValueError, AttributeError):
                    entity_id = None
                with self.lock:
                    self.results.append((began, took, status, entity_id, name))
                i += 1
        finally:
            client.close()

    def stop(self):
        self.stopping.set()
        for t in self.threads:
            t.join(30)

    def first_success_after(self, moment):
        """When the first 2xx of a call begun after moment came back, None before."""
        with self.lock:
            return next((b + d for b, d, s, _, _ in self.results if ok(s) and b > moment), None)

    def acknowledged(self):
        """(id, name) of the calls answered 2xx."""
        with self.lock:
            return [(r[3], r[4]) for r in self.results if ok(r[2])]


def packaged(root):
    return all((root / m / "target/quarkus-app/quarkus-run.jar").is_file() for m in MODULES)


def main():
    parser = argparse.ArgumentParser(description="Benchmarks of a generated msframework system (see docs/performance.md).")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes and one run of each: checks that everything works (CI)")
    parser.add_argument("--project-dir", help="an already generated and packaged project (all five services) instead of generating one")
    parser.add_argument("--work-dir", help="scratch directory (default: a new one under /tmp, removed afterwards)")
    parser.add_argument("--keep-work", action="store_true", help="keep the default scratch directory (logs, generated projects)")
    parser.add_argument("--sections", default="1,2,3,4,5", help="which sections to run, e.g. 3,5 (default: all)")
    parser.add_argument("--runs", type=int, help="repetitions of the repeated measurements (default 5/3 full, 1 smoke)")
    parser.add_argument("--events", type=int, help="events of the pipeline section (default 100000 full, 200 smoke)")
    parser.add_argument("--jvm-opts", help="JVM options of every process (default: JAVA_OPTS_APPEND of the project's "
                        f"Dockerfile.jvm and {CONTAINER_MAX_RAM}); the Dockerfile's QUARKUS_* variables apply either way")
    parser.add_argument("--no-broker-restart", action="store_true",
                        help="skip the RabbitMQ restart test (it disconnects every client of the broker)")
    parser.add_argument("--markdown", help="also write the report to this file")
    args = parser.parse_args()

    def interrupted(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")
    signal.signal(signal.SIGTERM, interrupted)
    sys.exit(Bench(args).main())


if __name__ == "__main__":
    main()
