#!/usr/bin/env python3
"""Tests of each way users reach the archetypes; run by the distribution module in integration-test.

- descriptors: target/archetypes.json and target/archetype-catalog.xml say exactly what the archetype modules say
  (root pom.xml modules, each archetype's pom.xml and META-INF/maven/archetype-metadata.xml), read here
  independently of the generator;
- repository: a copy of the collection is deployed (`mvn deploy` with -Ddistribution.*.url) to a repository manager
  served on loopback (repository_server.py: hosted releases and snapshots, and a group that also proxies Maven
  Central from the local repository, read-only); then, on empty local repositories and through a settings.xml with
  a `*` mirror and an `archetype` repository (docs/distribution.md):
    - the deployed catalog, fetched with `dependency:copy`, becomes the local catalog; interactive
      `archetype:generate -DarchetypeCatalog=local`, its prompts answered by this script, lists the six archetypes
      and generates a data-mongo service;
    - batch `archetype:generate` of a data-postgres service, whose `./mvnw -B package` then builds and tests it.

Python 3 standard library only. Output of every Maven run: --work/logs/*.log.
"""
import argparse
import codecs
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import unittest
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from repository_server import GROUP, Repository, Server  # noqa: E402

POM = "{http://maven.apache.org/POM/4.0.0}"
DESCRIPTOR = "{https://maven.apache.org/plugins/maven-archetype-plugin/archetype-descriptor/1.1.0}"
CATALOG = "{http://maven.apache.org/plugins/maven-archetype-plugin/archetype-catalog/1.0.0}"
METADATA = "src/main/resources/META-INF/maven/archetype-metadata.xml"
CREDENTIALS = ("deployer", "deployer-secret")

ARGS = None
TIMINGS = []


def one_line(text):
    return " ".join(text.split()) if text is not None else None


def expected_archetypes(root):
    """What the archetype modules say, in the order of the root POM's modules."""
    result = []
    modules = ET.parse(os.path.join(root, "pom.xml")).getroot().find(f"{POM}modules")
    for module in modules.findall(f"{POM}module"):
        pom = ET.parse(os.path.join(root, module.text.strip(), "pom.xml")).getroot()
        if pom.findtext(f"{POM}packaging") != "maven-archetype":
            continue
        metadata = ET.parse(os.path.join(root, module.text.strip(), METADATA)).getroot()
        properties = []
        for p in metadata.find(f"{DESCRIPTOR}requiredProperties").findall(f"{DESCRIPTOR}requiredProperty"):
            properties.append({
                "key": p.get("key"),
                "description": one_line(p.findtext(f"{DESCRIPTOR}description")),
                "default": p.findtext(f"{DESCRIPTOR}defaultValue"),
                "validationRegex": p.findtext(f"{DESCRIPTOR}validationRegex"),
            })
        modules_element = metadata.find(f"{DESCRIPTOR}modules")
        result.append({
            "groupId": pom.findtext(f"{POM}groupId") or pom.findtext(f"{POM}parent/{POM}groupId"),
            "artifactId": pom.findtext(f"{POM}artifactId"),
            "version": pom.findtext(f"{POM}version") or pom.findtext(f"{POM}parent/{POM}version"),
            "name": one_line(pom.findtext(f"{POM}name")),
            "description": one_line(pom.findtext(f"{POM}description")),
            "modules": [m.get("dir") for m in modules_element.findall(f"{DESCRIPTOR}module")] if modules_element is not None else [],
            "properties": properties,
        })
    return result


# ---------------------------------------------------------------------------------------------------------------
# running Maven

def log_path(name):
    os.makedirs(os.path.join(ARGS.work, "logs"), exist_ok=True)
    return os.path.join(ARGS.work, "logs", name + ".log")


def tail(path, lines=60):
    with open(path, errors="replace") as f:
        return "".join(f.readlines()[-lines:])


def run(name, command, cwd, timeout=600):
    """Runs a command, its output to logs/NAME.log; fails the test with the log's tail if it fails."""
    log = log_path(name)
    started = time.monotonic()
    with open(log, "w") as out:
        out.write("$ " + " ".join(command) + "\n")
        out.flush()
        result = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=timeout)
    seconds = time.monotonic() - started
    TIMINGS.append((name, seconds))
    print(f"  [{seconds:5.1f} s] {name}: exit {result.returncode} ({os.path.relpath(log, ARGS.work)})", flush=True)
    if result.returncode != 0:
        raise AssertionError(f"{name} failed (exit {result.returncode}), end of {log}:\n{tail(log)}")
    with open(log, errors="replace") as f:
        return f.read()


def mvn():
    return os.path.join(ARGS.maven_home, "bin", "mvn.cmd" if os.name == "nt" else "mvn")


def archetype_plugin(goal):
    return f"org.apache.maven.plugins:maven-archetype-plugin:{ARGS.archetype_plugin}:{goal}"


class Interaction:
    """Drives an interactive command: waits for a prompt (a regex on the output since the last answer), answers it."""

    def __init__(self, command, cwd, log):
        self.log = open(log, "w")
        self.log.write("$ " + " ".join(command) + "\n")
        self.process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        self.output = ""
        self.position = 0
        self.changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            data = os.read(self.process.stdout.fileno(), 65536)
            with self.changed:
                if not data:
                    self.output += "\0"  # end of output
                    self.changed.notify_all()
                    return
                text = decoder.decode(data)
                self.output += text
                self.log.write(text)
                self.log.flush()
                self.changed.notify_all()

    def expect(self, pattern, timeout=180):
        regex = re.compile(pattern, re.S)
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                match = regex.search(self.output, self.position)
                if match:
                    self.position = match.end()
                    return match
                if self.output.endswith("\0") or time.monotonic() > deadline:
                    raise AssertionError(f"no prompt matching {pattern!r}; output since the last answer:\n"
                                         + self.output[self.position:][-3000:])
                self.changed.wait(1)

    def answer(self, text):
        with self.changed:
            self.log.write(f"<<answer: {text!r}>>\n")
        self.process.stdin.write((text + "\n").encode())
        self.process.stdin.flush()

    def finish(self, timeout=180):
        self.process.stdin.close()
        code = self.process.wait(timeout)
        with self.changed:
            while not self.output.endswith("\0"):
                self.changed.wait(1)
        self.log.close()
        return code, self.output


# ---------------------------------------------------------------------------------------------------------------

class DescriptorsTest(unittest.TestCase):
    """archetypes.json and archetype-catalog.xml against the archetype modules."""

    @classmethod
    def setUpClass(cls):
        cls.expected = expected_archetypes(ARGS.root)

    def test_json_matches_metadata(self):
        with open(os.path.join(ARGS.descriptors, "archetypes.json"), encoding="utf-8") as f:
            described = json.load(f)
        self.assertEqual(ARGS.group_id, described["groupId"])
        self.assertEqual(ARGS.version, described["version"])
        self.assertEqual([a["artifactId"] for a in self.expected], [a["artifactId"] for a in described["archetypes"]])
        for expected, actual in zip(self.expected, described["archetypes"]):
            with self.subTest(archetype=expected["artifactId"]):
                for field in ("groupId", "version", "name", "description", "modules"):
                    self.assertEqual(expected[field], actual[field], field)
                self.assertEqual([p["key"] for p in expected["properties"]], [p["key"] for p in actual["properties"]])
                for want, got in zip(expected["properties"], actual["properties"]):
                    self.assertTrue(want["description"], f"{want['key']} has no description in {METADATA}")
                    self.assertEqual(want["description"], got["description"], want["key"])
                    self.assertEqual(want["default"], got.get("default"), want["key"])
                    self.assertEqual(want["validationRegex"], got.get("validationRegex"), want["key"])
                    self.assertEqual(want["default"] is None, got["required"], want["key"])
                required = " ".join(f"-D{p['key']}=<{p['key']}>" for p in expected["properties"] if p["default"] is None)
                self.assertEqual(f"mvn -B archetype:generate -DarchetypeGroupId={expected['groupId']} "
                                 f"-DarchetypeArtifactId={expected['artifactId']} "
                                 f"-DarchetypeVersion={expected['version']} {required}", actual["command"])

    def test_catalog_lists_every_archetype(self):
        catalog = ET.parse(os.path.join(ARGS.descriptors, "archetype-catalog.xml")).getroot()
        self.assertEqual(f"{CATALOG}archetype-catalog", catalog.tag)
        listed = [{"groupId": a.findtext(f"{CATALOG}groupId"), "artifactId": a.findtext(f"{CATALOG}artifactId"),
                   "version": a.findtext(f"{CATALOG}version"), "description": a.findtext(f"{CATALOG}description")}
                  for a in catalog.iter(f"{CATALOG}archetype")]
        self.assertEqual([{k: a[k] for k in ("groupId", "artifactId", "version", "description")} for a in self.expected],
                         listed)
        self.assertEqual(7, len(listed))
        for archetype in listed:
            self.assertNotIn("\n", archetype["description"])


class RepositoryTest(unittest.TestCase):
    """Deploy to a loopback repository manager, then generate from it on empty local repositories."""

    @classmethod
    def setUpClass(cls):
        work = ARGS.work
        for name in ("collection", "repository", "repo-deploy", "repo-interactive", "repo-batch", "interactive", "batch"):
            shutil.rmtree(os.path.join(work, name), ignore_errors=True)
        cls.repository = Repository(os.path.join(work, "repository"), proxy=ARGS.local_repositories,
                                    hosted_only=[ARGS.group_id.replace(".", "/") + "/"],
                                    credentials=":".join(CREDENTIALS))
        cls.server = Server(cls.repository).__enter__()
        cls.settings = cls.write_settings()
        try:
            cls.deploy()
        except BaseException:
            cls.server.__exit__(None, None, None)
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    @classmethod
    def write_settings(cls):
        """The settings.xml of docs/distribution.md, with the loopback URLs; and the deployer's."""
        user, password = CREDENTIALS
        servers = "".join(f"""
    <server>
      <id>{server_id}</id>
      <username>{user}</username>
      <password>{password}</password>
    </server>""" for server_id in ("company", "archetype", "msframework-releases", "msframework-snapshots"))
        consumer = f"""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <servers>{servers}
  </servers>
  <mirrors>
    <mirror>
      <id>company</id>
      <mirrorOf>*</mirrorOf>
      <url>{cls.server.url(GROUP)}</url>
    </mirror>
  </mirrors>
  <profiles>
    <profile>
      <id>msframework</id>
      <repositories>
        <repository>
          <id>archetype</id>
          <url>{cls.server.url(GROUP)}</url>
          <releases><enabled>true</enabled></releases>
          <snapshots><enabled>true</enabled><updatePolicy>always</updatePolicy></snapshots>
        </repository>
      </repositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>msframework</activeProfile>
  </activeProfiles>
</settings>
"""
        deployer = f"""<?xml version="1.0" encoding="UTF-8"?>
<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">
  <servers>{servers}
  </servers>
</settings>
"""
        paths = {}
        for name, text in (("settings", consumer), ("settings-deploy", deployer)):
            paths[name] = os.path.join(ARGS.work, name + ".xml")
            with open(paths[name], "w") as f:
                f.write(text)
        return paths

    @classmethod
    def deploy(cls):
        """Deploys a copy of the collection's sources (the build of the checkout itself is running)."""
        copy = os.path.join(ARGS.work, "collection")

        def ignore(directory, names):
            skip = {n for n in names if n in (".git", ".idea")}
            if "pom.xml" in names and "target" in names:
                skip.add("target")
            return skip

        shutil.copytree(ARGS.root, copy, ignore=ignore, symlinks=True)
        common = ["-B", "-ntp", "-Dstyle.color=never", "-s", cls.settings["settings-deploy"],
                  "-Dmaven.repo.local=" + os.path.join(ARGS.work, "repo-deploy"),
                  "-Dmaven.repo.local.tail=" + ",".join(ARGS.local_repositories)]
        snapshots = cls.server.url("maven-snapshots")
        releases = cls.server.url("maven-releases")
        # framework-parent is the parent of the collection, not its child: it has no distributionManagement of
        # its own and is deployed with an explicit target (docs/distribution.md)
        run("deploy-framework-parent", [mvn(), *common, "-f", os.path.join(copy, "framework-parent", "pom.xml"), "deploy",
                                        f"-DaltSnapshotDeploymentRepository=msframework-snapshots::{snapshots}",
                                        f"-DaltReleaseDeploymentRepository=msframework-releases::{releases}"], cwd=copy)
        run("deploy-collection", [mvn(), *common, "-f", os.path.join(copy, "pom.xml"), "deploy",
                                  "-pl", "!framework-parent",
                                  "-Darchetype.test.skip=true", "-Dinvoker.skip=true", "-DskipSystemTests",
                                  "-Dmaven.test.skip=true",
                                  f"-Ddistribution.snapshots.url={snapshots}",
                                  f"-Ddistribution.releases.url={releases}"], cwd=copy)

    # --- helpers ---------------------------------------------------------------------------------------------
    @staticmethod
    def hosted_repository():
        return "maven-snapshots" if ARGS.version.endswith("-SNAPSHOT") else "maven-releases"

    def hosted_file(self, artifact_id, classifier=None, extension="jar"):
        """The deployed file of an artifact (of a snapshot: the newest, read through its maven-metadata.xml)."""
        base = os.path.join(self.repository.storage, self.hosted_repository(), *ARGS.group_id.split("."),
                            artifact_id, ARGS.version)
        suffix = f"-{classifier}" if classifier else ""
        if not ARGS.version.endswith("-SNAPSHOT"):
            return os.path.join(base, f"{artifact_id}-{ARGS.version}{suffix}.{extension}")
        metadata = ET.parse(os.path.join(base, "maven-metadata.xml")).getroot()
        for v in metadata.iter("snapshotVersion"):
            if v.findtext("extension") == extension and (v.findtext("classifier") or None) == classifier:
                return os.path.join(base, f"{artifact_id}-{v.findtext('value')}{suffix}.{extension}")
        self.fail(f"{artifact_id} {classifier or ''} .{extension} is not in {base}/maven-metadata.xml")

    def served_collection_paths(self, since=0):
        """(source, path) of every file of the collection's groupId served since the log's entry `since`."""
        prefix = ARGS.group_id.replace(".", "/") + "/"
        return [(source, path) for method, status, source, path in self.repository.log[since:]
                if status == 200 and path.split("/", 1)[1].startswith(prefix)]

    # --- tests -----------------------------------------------------------------------------------------------
    def test_deployed_collection(self):
        for artifact_id in [a["artifactId"] for a in expected_archetypes(ARGS.root)]:
            self.assertTrue(os.path.isfile(self.hosted_file(artifact_id)), artifact_id)
        for artifact_id in ("framework-parent", "msframework"):
            self.assertTrue(os.path.isfile(self.hosted_file(artifact_id, extension="pom")), artifact_id)
        with open(self.hosted_file("distribution", "archetype-catalog", "xml"), "rb") as deployed, \
                open(os.path.join(ARGS.descriptors, "archetype-catalog.xml"), "rb") as built:
            self.assertEqual(built.read(), deployed.read())
        with open(self.hosted_file("distribution", "archetypes", "json"), "rb") as deployed, \
                open(os.path.join(ARGS.descriptors, "archetypes.json"), "rb") as built:
            self.assertEqual(built.read(), deployed.read())

    def test_interactive_generation_from_local_catalog(self):
        """mvn archetype:generate -DarchetypeCatalog=local, as a person at a terminal answers it."""
        since = len(self.repository.log)
        local_repository = os.path.join(ARGS.work, "repo-interactive")
        os.makedirs(local_repository)
        cwd = os.path.join(ARGS.work, "interactive")
        os.makedirs(cwd)
        # the deployed catalog becomes the local catalog (docs/distribution.md)
        run("catalog-copy", [mvn(), "-B", "-ntp", "-Dstyle.color=never", "-s", self.settings["settings"],
                             "-Dmaven.repo.local=" + local_repository,
                             f"org.apache.maven.plugins:maven-dependency-plugin:{ARGS.dependency_plugin}:copy",
                             f"-Dartifact={ARGS.group_id}:distribution:{ARGS.version}:xml:archetype-catalog",
                             "-Dmdep.stripVersion=true", "-DoutputDirectory=" + cwd], cwd=cwd)
        catalog = os.path.join(cwd, "distribution-archetype-catalog.xml")
        with open(catalog, "rb") as copied, open(os.path.join(ARGS.descriptors, "archetype-catalog.xml"), "rb") as built:
            self.assertEqual(built.read(), copied.read())
        shutil.move(catalog, os.path.join(local_repository, "archetype-catalog.xml"))
        command = [mvn(), "-ntp", "-Dstyle.color=never", "-s", self.settings["settings"],
                   "-Dmaven.repo.local=" + local_repository, archetype_plugin("generate"), "-DarchetypeCatalog=local"]
        started = time.monotonic()
        terminal = Interaction(command, cwd, log_path("interactive-generate"))
        answers = {"groupId": "com.acme", "artifactId": "ledger-activity", "package": "com.acme.ledger"}
        # validationRegex applies in interactive mode: each of these invalid values is asked again
        invalid = {"artifactId": "Ledger_Activity", "package": "com.acme.2ledger"}
        rejected, asked = set(), None
        try:
            listing = terminal.expect(r"Choose archetype:\n(.*?)Choose a number or apply filter[^\n]*: $")
            offered = dict((m.group(2), m.group(1)) for m in
                           re.finditer(r"^(\d+): local -> ([^ ]+) \((.*)\)$", listing.group(1), re.M))
            for archetype in expected_archetypes(ARGS.root):
                self.assertIn(f"{archetype['groupId']}:{archetype['artifactId']}", offered)
                self.assertIn(f"{archetype['artifactId']} ({archetype['description']})", listing.group(1))
            terminal.answer(offered[f"{ARGS.group_id}:archetype-data-mongo"])
            for _ in range(40):
                prompt = terminal.expect(r"(Define value for property '([^']+)'[^\n]*?|"
                                        r"Value does not match the expression, please try again[^\n]*?|"
                                        r"Confirm properties configuration:\n.*?\n Y|"
                                        r"Choose [^\n]*version:\s.*?Choose a number[^\n]*?): $")
                text = prompt.group(1)
                if text.startswith("Confirm properties configuration"):
                    self.assertIn("artifactId: ledger-activity", text)
                    terminal.answer("Y")
                    break
                if text.startswith("Choose"):
                    terminal.answer("")  # the newest version
                elif text.startswith("Value does not match"):
                    self.assertIn(asked, invalid, f"{asked}: a valid value was refused")
                    rejected.add(asked)
                    terminal.answer(answers[asked])
                elif prompt.group(2) in invalid and prompt.group(2) not in rejected:
                    asked = prompt.group(2)
                    terminal.answer(invalid[asked])
                else:
                    asked = prompt.group(2)
                    terminal.answer(answers.get(asked, ""))  # "" takes the default shown
            else:
                self.fail("archetype:generate kept asking")
            code, output = terminal.finish()
        finally:
            if terminal.process.poll() is None:
                terminal.process.kill()
        TIMINGS.append(("interactive-generate", time.monotonic() - started))
        self.assertEqual(set(invalid), rejected, "an invalid value was accepted or never asked")
        self.assertEqual(0, code, output[-3000:])
        self.assertIn("BUILD SUCCESS", output)
        project = os.path.join(cwd, "ledger-activity")
        with open(os.path.join(project, "pom.xml")) as f:
            self.assertIn("<artifactId>ledger-activity</artifactId>", f.read())
        self.assertTrue(os.path.isdir(os.path.join(project, "src", "main", "java", "com", "acme", "ledger")))
        self.assertTrue(os.access(os.path.join(project, "mvnw"), os.X_OK), "the post-generate script did not run")
        served = self.served_collection_paths(since)
        self.assertTrue(any(path.endswith(".jar") and "/archetype-data-mongo/" in path for _, path in served),
                        "the archetype was not downloaded from the repository")

    def test_batch_generation_and_build_on_empty_local_repository(self):
        """archetype:generate -B from the repository, then the service's own ./mvnw -B package, on an empty local repository."""
        since = len(self.repository.log)
        local_repository = os.path.join(ARGS.work, "repo-batch")
        os.makedirs(local_repository)
        cwd = os.path.join(ARGS.work, "batch")
        os.makedirs(cwd)
        common = ["-B", "-ntp", "-Dstyle.color=never", "-s", self.settings["settings"], "-Dmaven.repo.local=" + local_repository]
        run("batch-generate", [mvn(), *common, archetype_plugin("generate"),
                               f"-DarchetypeGroupId={ARGS.group_id}", "-DarchetypeArtifactId=archetype-data-postgres",
                               f"-DarchetypeVersion={ARGS.version}", "-DgroupId=com.acme", "-DartifactId=billing-data",
                               "-Dpackage=com.acme.billing", "-Dentity=Invoice"], cwd=cwd)
        project = os.path.join(cwd, "billing-data")
        output = run("batch-build", [os.path.join(project, "mvnw"), *common, "package"], cwd=project, timeout=900)
        self.assertRegex(output, r"Tests run: [1-9]\d*, Failures: 0, Errors: 0")
        self.assertTrue(os.path.isfile(os.path.join(project, "target", "quarkus-app", "quarkus-run.jar")))
        served = self.served_collection_paths(since)
        for name in ("archetype-data-postgres", "framework-parent"):
            self.assertTrue(any(f"/{name}/" in path for _, path in served), f"{name} was not downloaded from the repository")
        self.assertEqual({self.hosted_repository()}, {source for source, _ in served})
        self.assertTrue(any(source == "proxy" for _, _, source, _ in self.repository.log[since:]))


class TimedResult(unittest.TextTestResult):
    """Keeps each test's duration and outcome (passed, failure, error, skipped) for the report."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cases = []  # (test, seconds, outcome, detail)
        self.running = {}  # test id -> [start, outcome, detail]

    def _set(self, test, outcome, err=None, detail=""):
        if err is not None:
            detail = self._exc_info_to_string(err, test)
        if test.id() in self.running:
            self.running[test.id()][1:] = [outcome, detail]
        else:  # a class-level set-up failure: no startTest
            self.cases.append((test, 0.0, outcome, detail))

    def startTest(self, test):
        self.running[test.id()] = [time.monotonic(), "passed", ""]
        super().startTest(test)

    def stopTest(self, test):
        super().stopTest(test)
        started, outcome, detail = self.running.pop(test.id())
        self.cases.append((test, time.monotonic() - started, outcome, detail))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set(test, "failure", err)

    def addError(self, test, err):
        super().addError(test, err)
        self._set(test, "error", err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._set(test, "failure" if issubclass(err[0], test.failureException) else "error", err)

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._set(test, "skipped", detail=reason)


def write_report(result, path):
    """A JUnit-style report (the format of Surefire's TEST-*.xml), for tools that summarise test runs."""
    count = {k: sum(1 for case in result.cases if case[2] == k) for k in ("failure", "error", "skipped")}
    suite = ET.Element("testsuite", name="distribution", tests=str(len(result.cases)),
                       failures=str(count["failure"]), errors=str(count["error"]), skipped=str(count["skipped"]),
                       time=f"{sum(seconds for _, seconds, _, _ in result.cases):.1f}")
    for test, seconds, outcome, detail in result.cases:
        if isinstance(test, unittest.TestCase):
            classname, name = type(test).__name__, test.id().rsplit(".", 1)[-1]
        else:  # "setUpClass (__main__.RepositoryTest)"
            name, _, owner = str(test).partition(" (")
            classname = owner.rstrip(")").rsplit(".", 1)[-1]
        case = ET.SubElement(suite, "testcase", classname=classname, name=name, time=f"{seconds:.1f}")
        if outcome != "passed":
            ET.SubElement(case, outcome, message=detail.splitlines()[-1] if detail else "").text = detail
    os.makedirs(os.path.dirname(path), exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)


def main():
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", required=True, help="the collection's root directory")
    parser.add_argument("--descriptors", required=True, help="directory of the built archetypes.json and archetype-catalog.xml")
    parser.add_argument("--work", required=True, help="scratch directory")
    parser.add_argument("--maven-home", required=True)
    parser.add_argument("--local-repository", required=True, help="served read-only as the proxy of Maven Central")
    parser.add_argument("--local-repository-tail", default="",
                        help="the build's maven.repo.local.tail (comma-separated), served read-only too")
    parser.add_argument("--archetype-plugin", required=True, help="maven-archetype-plugin version")
    parser.add_argument("--dependency-plugin", required=True, help="maven-dependency-plugin version")
    parser.add_argument("--group-id", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("tests", nargs="*", help="unittest names, e.g. DescriptorsTest (default: all)")
    ARGS = parser.parse_args()
    ARGS.root, ARGS.work = os.path.abspath(ARGS.root), os.path.abspath(ARGS.work)
    tail = [] if ARGS.local_repository_tail.startswith("${") else [p for p in ARGS.local_repository_tail.split(",") if p]
    ARGS.local_repositories = [ARGS.local_repository] + tail
    os.makedirs(ARGS.work, exist_ok=True)

    started = time.monotonic()
    loader = unittest.TestLoader()
    module = sys.modules[__name__]
    suite = loader.loadTestsFromNames(ARGS.tests, module) if ARGS.tests else loader.loadTestsFromModule(module)
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=TimedResult).run(suite)
    write_report(result, os.path.join(os.path.dirname(ARGS.work), "distribution-reports", "TEST-distribution.xml"))
    failed = sum(1 for case in result.cases if case[2] in ("failure", "error"))
    skipped = sum(1 for case in result.cases if case[2] == "skipped")
    print(f"distribution tests took {time.monotonic() - started:.0f} s; Maven runs: "
          + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in TIMINGS))
    print(f"distribution: {len(result.cases) - failed - skipped} passed, {failed} failed, {skipped} skipped")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
