"""`make cluster`: a whole Masthead cluster on one machine, the way production runs it.

    nginx (deploy/nginx.conf, the edge: micro-cache + purge)
      └─ haproxy (deploy/haproxy.cfg: health checks, retries, redispatch)
           ├─ web node 1 (granian, as `make serve`)
           └─ web node 2
    task worker 1, task worker 2 (both with the clock), narration worker
    PostgreSQL (a database of its own on 127.0.0.1:5432), Redis (127.0.0.1:6379, a key prefix
    of its own), an S3 API server (moto) for media, an SMTP sink (the dev mailbox)

Everything comes from the lock file (.venv) and Debian packages (nginx, haproxy,
libnginx-mod-http-cache-purge); PostgreSQL and Redis must already be running. Ports are free
ones picked at start; the configuration is generated into the work directory from the files in
deploy/. The demo newsroom is loaded into a fresh database. Ctrl-C (or SIGTERM) stops all.

tests/cluster/ and scripts/bench/cluster.py start the same Cluster programmatically.

Options: --web-nodes, --task-workers, --web-workers, --database, --workdir, --key-prefix,
--redis-url, --port-base (ports from there up instead of random free ones).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")
SECRET_KEY = "cluster-only-secret-key-never-used-in-production-0123456789abcdef"  # noqa: S105
BUCKET = "masthead-media"
# The cluster's one staff account, in the demo's Editors group (write, approve and publish).
EDITOR_ACCOUNT = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from staff.roles import EDITORS
user, _ = get_user_model().objects.get_or_create(username="editor", defaults={{"first_name": "Cluster"}})
user.set_password("{password}")
user.save()
user.groups.add(Group.objects.get(name=EDITORS))
"""
# Hosts the demo site answers to; the demo Site is "localhost".
HOSTS = "127.0.0.1,localhost"


from lib.ports import free_port  # noqa: E402


def say(message: str) -> None:
    print(f"[cluster] {message}", flush=True)


@dataclass
class ClusterOptions:
    workdir: Path = ROOT / "var" / "cluster"
    database: str = "masthead_cluster"
    postgres: str = "postgres://postgres@127.0.0.1:5432"
    redis_url: str = "redis://127.0.0.1:6379/0"
    key_prefix: str = "masthead-cluster"
    web_nodes: int = 2
    web_workers: int = 1  # granian processes per node
    task_workers: int = 2
    narrators: int = 1
    load_demo: bool = True
    # Ports from this number up (edge, haproxy, S3, SMTP, stats, then the web nodes), so a shared
    # machine can give the cluster a range of its own; None picks free ports at random.
    port_base: int | None = None
    # Extra environment for every Masthead process (tests shorten intervals with it).
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Proc:
    name: str
    command: list[str]
    env: dict[str, str]
    popen: subprocess.Popen[bytes] | None = None

    @property
    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None


class Cluster:
    """Start with `with Cluster(options) as cluster:`; every process is stopped on exit."""

    def __init__(self, options: ClusterOptions | None = None, *, progress: Callable[[str], None] = say) -> None:
        self.options = options or ClusterOptions()
        self.say = progress
        self.dir = Path(self.options.workdir).resolve()
        self.logs = self.dir / "logs"
        self.mailbox = self.dir / "mailbox"
        self.procs: dict[str, Proc] = {}
        self.editor_password = secrets.token_urlsafe(12)
        names = ["edge", "haproxy", "s3", "smtp", "stats", *(f"web-{n}" for n in range(1, self.options.web_nodes + 1))]
        base = self.options.port_base
        self.ports = {name: (base + offset if base else free_port()) for offset, name in enumerate(names)}

    # --- addresses ------------------------------------------------------------------------------

    @property
    def edge_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['edge']}"

    @property
    def haproxy_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['haproxy']}"

    @property
    def s3_url(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    def node_url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.ports[f'web-{number}']}"

    @property
    def node_numbers(self) -> list[int]:
        return list(range(1, self.options.web_nodes + 1))

    @property
    def database_url(self) -> str:
        return f"{self.options.postgres}/{self.options.database}"

    # --- the environment every Masthead process shares -------------------------------------------

    @property
    def env(self) -> dict[str, str]:
        origins = [self.edge_url, self.haproxy_url, *(self.node_url(n) for n in self.node_numbers)]
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("AWS_", "DJANGO_", "STRIPE_", "EMAIL_", "NEWSLETTERS_", "PAGE_CACHE_"))
        }
        env.update(
            {
                "PYTHONUNBUFFERED": "1",
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "DEBUG": "0",
                "SECRET_KEY": SECRET_KEY,
                "ALLOWED_HOSTS": HOSTS,
                "CSRF_TRUSTED_ORIGINS": ",".join(origins),
                "SITE_URL": self.edge_url,
                "SECURE_SSL_REDIRECT": "0",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": self.options.redis_url,
                "CACHE_KEY_PREFIX": self.options.key_prefix,
                # Readers reach the app through nginx and haproxy, each adding X-Forwarded-For.
                "TRUSTED_PROXIES": "2",
                "FRONTEND_CACHE_PURGE_URL": self.edge_url,
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.ports["smtp"]),
                "NEWSLETTERS_MAILBOX_DIR": str(self.mailbox),
                "NEWSLETTERS_DELIVERY_CHECK_DIR": str(self.mailbox),
                # Media in the S3 server; public URLs through its bucket path (a CDN in production).
                "AWS_STORAGE_BUCKET_NAME": BUCKET,
                "AWS_S3_ENDPOINT_URL": self.s3_url,
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_S3_CUSTOM_DOMAIN": f"127.0.0.1:{self.ports['s3']}/{BUCKET}",
                "AWS_S3_URL_PROTOCOL": "http:",
                "AWS_QUERYSTRING_AUTH": "0",
                "AWS_DEFAULT_ACL": "public-read",
                "AWS_ACCESS_KEY_ID": "cluster",
                "AWS_SECRET_ACCESS_KEY": "cluster-secret",
                "AWS_CONFIG_FILE": os.devnull,
                "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
                "STRIPE_SECRET_KEY": "",
                "LOG_LEVEL": "WARNING",
            }
        )
        env.update(self.options.env)
        return env

    # --- starting -------------------------------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        started = time.monotonic()
        self._check_tools()
        if self.dir.exists():
            shutil.rmtree(self.dir)
        for sub in (self.logs, self.mailbox, self.dir / "nginx" / "cache", self.dir / "nginx" / "temp"):
            sub.mkdir(parents=True, exist_ok=True)
        self.say(f"database {self.options.database} (fresh) on {self.options.postgres}")
        self._fresh_database()
        self._clear_redis()
        self.say(f"S3 server (moto) on {self.s3_url}, SMTP sink on 127.0.0.1:{self.ports['smtp']}")
        self._spawn("s3", [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.ports["s3"])], {})
        self._spawn("mailbox", [sys.executable, "manage.py", "run_dev_mailbox", "--port", str(self.ports["smtp"])])
        self._wait_http(f"{self.s3_url}/moto-api/", "the S3 server")
        self._create_bucket()
        self.say("migrating and collecting static files")
        # Side by side: they touch different things, and together they are most of the start.
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.manage("migrate", "--no-input", "-v0")
        output, _ = collect.communicate(timeout=600)
        if collect.returncode != 0:
            raise RuntimeError(f"manage.py collectstatic failed:\n{output.decode(errors='replace')}")
        if self.options.load_demo:
            self.say("loading the demo newsroom (images go to the S3 server)")
            # Without the edge purge: on a fresh database the demo replaces Wagtail's placeholder
            # page and its Site, and purging that deleted page fails (newsroom/page_cache.py).
            self.manage("load_demo", "-v0", env={"FRONTEND_CACHE_PURGE_URL": ""})
            # With DEBUG off the demo makes no staff accounts (their passwords are in README):
            # the cluster's editor gets a password of its own, printed with the addresses.
            self.manage("shell", "--no-imports", "-c", EDITOR_ACCOUNT.format(password=self.editor_password))
        for number in self.node_numbers:
            self.start_web(number, wait=False)
        for number in range(1, self.options.task_workers + 1):
            self.start_worker(f"worker-{number}")
        for number in range(1, self.options.narrators + 1):
            self.start_worker(f"narrator-{number}", narration=True)
        self._spawn("haproxy", ["haproxy", "-f", str(self._haproxy_config()), "-db"], {})
        self._spawn(
            "nginx", ["nginx", "-p", str(self.dir / "nginx"), "-c", str(self._nginx_config()), "-e", "stderr"], {}
        )
        for number in self.node_numbers:
            self._wait_http(f"{self.node_url(number)}/healthz", f"web node {number}")
        self.wait_backends_up(len(self.node_numbers))
        self._wait_http(f"{self.edge_url}/healthz", "the edge")
        self.say(f"up in {time.monotonic() - started:.0f} s")

    def _check_tools(self) -> None:
        missing = [tool for tool in ("nginx", "haproxy") if shutil.which(tool) is None]
        if not PURGE_MODULE.exists():
            missing.append("libnginx-mod-http-cache-purge")
        if not (VENV_BIN / "moto_server").exists():
            raise SystemExit("moto_server is missing from .venv: run `make install-dev`.")
        if missing:
            raise SystemExit(
                f"Missing Debian packages: {' '.join(missing)}. Install them with "
                "`apt-get install nginx-light haproxy libnginx-mod-http-cache-purge`."
            )

    def _fresh_database(self) -> None:
        import psycopg

        name = self.options.database
        if not name.replace("_", "").isalnum():
            raise SystemExit(f"Database name {name!r} must be letters, digits and underscores.")
        try:
            connection = psycopg.connect(f"{self.options.postgres}/postgres", autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as exc:
            where = self.options.postgres
            raise SystemExit(f"PostgreSQL is not reachable at {where} ({exc}). Start it first.") from None
        with connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')

    def drop_database(self) -> None:
        import psycopg

        with psycopg.connect(f"{self.options.postgres}/postgres", autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.options.database}" WITH (FORCE)')

    def _clear_redis(self) -> None:
        import redis

        try:
            client = redis.Redis.from_url(self.options.redis_url, socket_connect_timeout=5)
            keys = list(client.scan_iter(match=f"*{self.options.key_prefix}*", count=1000))
        except redis.RedisError as exc:
            raise SystemExit(f"Redis is not reachable at {self.options.redis_url} ({exc}). Start it first.") from None
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])

    def _create_bucket(self) -> None:
        import boto3

        env = self.env
        client = boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            region_name="us-east-1",
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )
        client.create_bucket(Bucket=BUCKET)

    def _haproxy_config(self) -> Path:
        """deploy/haproxy.cfg with its CHANGE lines pointed at this cluster's ports."""
        shipped = (ROOT / "deploy" / "haproxy.cfg").read_text()
        lines = []
        for line in shipped.splitlines():
            stripped = line.strip()
            if stripped.startswith("server web"):
                continue
            if stripped.startswith("bind 127.0.0.1:8080"):
                line = f"    bind 127.0.0.1:{self.ports['haproxy']}"
            lines.append(line)
        for number in self.node_numbers:
            lines.append(f"    server web{number} 127.0.0.1:{self.ports[f'web-{number}']} check")
        # The harness reads node states from haproxy's own stats page.
        stats = self.ports["stats"]
        lines += ["", "listen stats", f"    bind 127.0.0.1:{stats}", "    stats enable", "    stats uri /stats"]
        path = self.dir / "haproxy.cfg"
        path.write_text("\n".join(lines) + "\n")
        return path

    def _nginx_config(self) -> Path:
        """deploy/nginx.conf with its CHANGE lines pointed here, inside a main configuration
        that keeps every file (pid, logs, cache, temp) in the work directory."""
        home = self.dir / "nginx"
        site = (ROOT / "deploy" / "nginx.conf").read_text()
        site = site.replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{self.ports['haproxy']};")
        site = site.replace("/var/cache/nginx/masthead", str(home / "cache"))
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.ports['edge']};")
        site = site.replace("server_name news.example;", "server_name 127.0.0.1 localhost;")
        site = site.replace("/srv/masthead/var/static/", f"{ROOT / 'var' / 'static'}/")
        site = site.replace("/srv/masthead/var/media/", f"{home / 'media'}/")
        (home / "masthead.conf").write_text(site)
        temp = home / "temp"
        # Started as root, nginx's workers would drop to "nobody" and could not write the cache
        # in a private work directory (a pytest tmp dir is 0700): they keep the starter's user.
        user = "user root;\n" if os.geteuid() == 0 else ""
        main = f"""# Generated by scripts/cluster.py; the site itself is deploy/nginx.conf.
{user}load_module {PURGE_MODULE};
worker_processes 1;
daemon off;
pid {home / "nginx.pid"};
error_log {self.logs / "nginx-error.log"} warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    sendfile on;
    access_log {self.logs / "nginx-access.log"};
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {home / "masthead.conf"};
}}
"""
        path = home / "nginx.conf"
        path.write_text(main)
        return path

    # --- processes ------------------------------------------------------------------------------

    def _spawn(self, name: str, command: list[str], env: dict[str, str] | None = None) -> Proc:
        proc = Proc(name, command, self.env if env is None else {**os.environ, **env})
        self.procs[name] = proc
        self._launch(proc)
        return proc

    def _launch(self, proc: Proc) -> None:
        log = (self.logs / f"{proc.name}.log").open("ab")
        # Its own process group: stopping a node stops granian's worker processes with it.
        proc.popen = subprocess.Popen(
            proc.command, cwd=ROOT, env=proc.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def start_web(self, number: int, *, wait: bool = True) -> None:
        name = f"web-{number}"
        command = [
            str(VENV_BIN / "granian"),
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.ports[name]),
            "--workers",
            str(self.options.web_workers),
            "--blocking-threads",
            "1",
            "--backlog",
            "2048",
            "--no-access-log",
            "config.wsgi:application",
        ]
        self._spawn(name, command)
        if wait:
            self._wait_http(f"{self.node_url(number)}/healthz", f"web node {number}", starting=False)

    def start_worker(self, name: str, *, narration: bool = False, clock: bool = True) -> None:
        """A task worker as `make run` starts them: narration on its own worker without a clock."""
        command = [sys.executable, "manage.py", "run_worker", "-v", "0"]
        if narration:
            command += ["--queues", "narration", "--no-clock"]
        else:
            command += ["--queues", "*", "--exclude-queues", "narration"]
            if not clock:
                command.append("--no-clock")
        self._spawn(name, command)

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send a signal to a process and its group (SIGKILL: a crash; SIGSTOP/SIGCONT: a pause)."""
        proc = self.procs[name]
        if proc.popen is not None and proc.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.popen.pid, sig)
            if sig == signal.SIGKILL:
                proc.popen.wait(timeout=10)

    def restart(self, name: str) -> None:
        proc = self.procs[name]
        if proc.alive:
            self.kill(name)
        self._launch(proc)

    def stop(self) -> None:
        procs = [proc for proc in reversed(self.procs.values()) if proc.alive]
        for proc in procs:
            assert proc.popen is not None
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.popen.pid, signal.SIGCONT)  # a paused process cannot stop
                os.killpg(proc.popen.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for proc in procs:
            assert proc.popen is not None
            try:
                proc.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.popen.pid, signal.SIGKILL)
                proc.popen.wait(timeout=10)

    def manage(
        self, *args: str, input_text: str | None = None, timeout: float = 3600, env: dict[str, str] | None = None
    ) -> str:
        """Run manage.py in the cluster's environment (as on node 1) and return its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            input=input_text,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def sql(self, query: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        """Rows from the cluster's database: a quick look without starting Django."""
        import psycopg

        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=5) as connection:
            return list(connection.execute(query, params).fetchall())

    def python(self, code: str, timeout: float = 300) -> object:
        """Run Python with Django set up in the cluster's environment; returns the JSON the code
        prints on its last line (the code assigns it to `result`)."""
        script = "import json\n" + code + "\nprint('\\n' + json.dumps(result, default=str))\n"
        output = self.manage("shell", "--no-imports", "-c", script, timeout=timeout)
        return json.loads(output.strip().splitlines()[-1])

    # --- waiting --------------------------------------------------------------------------------

    def _wait_http(self, url: str, what: str, timeout: float = 120, *, starting: bool = True) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            for proc in self.procs.values() if starting else ():
                if proc.popen is not None and proc.popen.poll() is not None:
                    log = self.logs / f"{proc.name}.log"
                    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                    raise RuntimeError(f"{proc.name} stopped with exit code {proc.popen.returncode}:\n{tail}")
            try:
                request = urllib.request.Request(url, headers={"Host": "localhost"})  # noqa: S310
                with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                    if response.status < 500:
                        return
            except urllib.error.HTTPError as exc:
                last = f"HTTP {exc.code}"
            except OSError as exc:
                last = str(exc)
            time.sleep(0.3)
        raise RuntimeError(f"{what} did not answer at {url} within {timeout:.0f} s ({last}).")

    def backends_up(self) -> int:
        """How many web nodes haproxy currently sends requests to (from its stats page)."""
        return sum(1 for state in self.backend_states().values() if state == "UP")

    def backend_states(self) -> dict[str, str]:
        return {name: values.get("status", "") for name, values in self.server_stats().items()}

    def server_stats(self) -> dict[str, dict[str, str]]:
        """haproxy's own figures per web node (status, stot = requests sent to it, …)."""
        try:
            url = f"http://127.0.0.1:{self.ports['stats']}/stats;csv"
            with urllib.request.urlopen(url, timeout=2) as response:
                rows = response.read().decode().splitlines()
        except OSError:
            return {}
        header = rows[0].lstrip("# ").split(",")
        servers = {}
        for row in rows[1:]:
            values = dict(zip(header, row.split(","), strict=False))
            if values.get("pxname") == "masthead_web" and values.get("svname", "").startswith("web"):
                servers[values["svname"]] = values
        return servers

    def wait_backends_up(self, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.backends_up() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"haproxy sees fewer than {count} healthy web nodes after {timeout:.0f} s.")
            time.sleep(0.3)

    def describe(self) -> str:
        nodes = "\n".join(f"    web node {n}:  {self.node_url(n)}/" for n in self.node_numbers)
        return (
            f"\n  Masthead cluster is running.\n"
            f"    edge (nginx):  {self.edge_url}/   ← readers come in here\n"
            f"    haproxy:       {self.haproxy_url}/\n{nodes}\n"
            f"    CMS:           {self.edge_url}/cms/  (editor / {self.editor_password}: write, approve, publish)\n"
            f"    S3 (moto):     {self.s3_url}/{BUCKET}/\n"
            f"    SMTP sink:     127.0.0.1:{self.ports['smtp']}  (messages in {self.mailbox})\n"
            f"    PostgreSQL:    {self.database_url}\n"
            f"    Redis:         {self.options.redis_url} (prefix {self.options.key_prefix})\n"
            f"    workers:       {', '.join(name for name in self.procs if name.startswith(('worker', 'narrator')))}\n"
            f"    logs:          {self.logs}/\n"
            f"  Press Ctrl-C to stop everything.\n"
        )


def _stop(signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--web-nodes", type=int, default=2)
    parser.add_argument("--web-workers", type=int, default=1, help="granian processes per web node")
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--database", default="masthead_cluster")
    parser.add_argument("--key-prefix", default="masthead-cluster")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0")
    parser.add_argument("--port-base", type=int, default=None, help="use ports from here up")
    parser.add_argument("--workdir", type=Path, default=ROOT / "var" / "cluster")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    options = ClusterOptions(
        workdir=args.workdir,
        database=args.database,
        key_prefix=args.key_prefix,
        redis_url=args.redis_url,
        port_base=args.port_base,
        web_nodes=args.web_nodes,
        web_workers=args.web_workers,
        task_workers=args.task_workers,
    )
    cluster = Cluster(options)
    try:
        cluster.start()
        print(cluster.describe(), flush=True)
        while True:
            for proc in cluster.procs.values():
                if proc.popen is not None and proc.popen.poll() is not None:
                    log = cluster.logs / f"{proc.name}.log"
                    say(f"{proc.name} stopped with exit code {proc.popen.returncode}; see {log}")
                    return proc.popen.returncode or 1
            time.sleep(0.5)
    except KeyboardInterrupt:
        say("stopping…")
        return 0
    except (RuntimeError, SystemExit) as exc:
        say(f"could not start: {exc}")
        return 1
    finally:
        cluster.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
