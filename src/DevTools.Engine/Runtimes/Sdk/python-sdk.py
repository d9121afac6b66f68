"""boto3 for Lambda DevTools' python3.* runtimes: where it is, and how to get it into the per-machine cache.

Lambda's Python runtimes carry boto3 and botocore (in /var/runtime, last on sys.path). A local interpreter may
have them already; if not, they are installed into the cache folder: with pip where it can reach its index, else
copied from another installation on this machine (Debian's python3-boto3 in /usr/lib/python3/dist-packages).

  python-sdk.py probe CACHE     prints {"source": "cache"|"interpreter"|null, "version": ..., "location": ...}
  python-sdk.py install CACHE   installs boto3 into CACHE; progress on stdout; exit 0 when it is there
"""
import importlib.metadata as metadata
import json
import os
import re
import shutil
import subprocess
import sys

# Installations of boto3 outside the interpreter's own sys.path that can be copied from (Debian's packages).
OTHER_SITES = ["/usr/lib/python3/dist-packages"]

# What Lambda's Python runtimes carry beside boto3, copied whatever the metadata says: Debian's boto3 and botocore
# declare none of their requirements, and Debian's botocore uses requests instead of its vendored copy.
BOTO3_CLOSURE = ["boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "six", "urllib3",
                 "requests", "certifi", "idna", "chardet", "charset-normalizer"]


def cached_version(cache):
    if not os.path.isfile(os.path.join(cache, "boto3", "__init__.py")):
        return None
    for dist in metadata.distributions(path=[cache]):
        if normalize(dist.metadata["Name"] or "") == "boto3":
            return dist.version
    return "unknown"


def probe(cache):
    version = cached_version(cache)
    if version:
        return {"source": "cache", "version": version, "location": cache}
    try:
        dist = metadata.distribution("boto3")
        import importlib.util
        spec = importlib.util.find_spec("boto3")
        if spec and spec.origin:
            return {"source": "interpreter", "version": dist.version, "location": os.path.dirname(os.path.dirname(spec.origin))}
    except metadata.PackageNotFoundError:
        pass
    return {"source": None, "version": None, "location": None}


def normalize(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(dist):
    """The names of a distribution's unconditional requirements (extras and other platforms left out)."""
    names = []
    for requirement in dist.requires or []:
        if ";" in requirement:
            marker = requirement.split(";", 1)[1]
            if "extra" in marker:
                continue
            if "python_version" in marker and not evaluate_python_marker(marker):
                continue
        names.append(normalize(re.split(r"[\s<>=!~\[(;]", requirement.strip(), 1)[0]))
    return names


def evaluate_python_marker(marker):
    match = re.search(r"python_version\s*([<>=!]=?)\s*['\"]([\d.]+)['\"]", marker)
    if not match:
        return True
    op, version = match.groups()
    have = sys.version_info[:2]
    want = tuple(int(p) for p in version.split(".")[:2])
    return {"<": have < want, "<=": have <= want, ">": have > want, ">=": have >= want, "==": have == want, "!=": have != want}[op]


def copy_closure(site, target):
    """Copies boto3 and everything it requires from another site folder into target."""
    dists = {normalize(d.metadata["Name"] or ""): d for d in metadata.distributions(path=[site])}
    if "boto3" not in dists:
        return False
    wanted, seen = list(BOTO3_CLOSURE), set()
    while wanted:
        name = wanted.pop()
        if name in seen or name not in dists:
            continue
        seen.add(name)
        dist = dists[name]
        wanted.extend(requirement_names(dist))
        for top in top_level_names(dist, site):
            source = os.path.join(site, top)
            for candidate in (source, source + ".py"):
                destination = os.path.join(target, os.path.basename(candidate))
                if os.path.isdir(candidate):
                    shutil.copytree(candidate, destination, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
                elif os.path.isfile(candidate):
                    shutil.copy2(candidate, destination)
        info = str(dist._path) if hasattr(dist, "_path") else None
        if info and os.path.isdir(info):
            shutil.copytree(info, os.path.join(target, os.path.basename(info)), dirs_exist_ok=True)
        print(f"copied {dist.metadata['Name']} {dist.version} from {site}", flush=True)
    return True


def top_level_names(dist, site):
    text = dist.read_text("top_level.txt")
    if text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    names = set()
    for file in dist.files or []:
        first = str(file).split("/", 1)[0]
        if not first.endswith((".dist-info", ".egg-info", "..")) and first != "__pycache__":
            names.add(first[:-3] if first.endswith(".py") else first)
    if names:
        return sorted(names)
    guess = (dist.metadata["Name"] or "").replace("-", "_").lower()
    return [{"python_dateutil": "dateutil"}.get(guess, guess)]


def install(cache):
    if cached_version(cache):
        return 0
    staging = cache + ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    print("pip install --target", cache, "boto3", flush=True)
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--timeout", "15", "--retries", "0",
         "--target", staging, "boto3"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in pip.stdout.splitlines()[-6:]:
        print(line, flush=True)
    done = pip.returncode == 0
    if not done:
        for site in OTHER_SITES:
            if os.path.isdir(os.path.join(site, "boto3")):
                print(f"the package index cannot be reached; copying boto3 from {site}", flush=True)
                shutil.rmtree(staging, ignore_errors=True)
                os.makedirs(staging)
                done = copy_closure(site, staging)
                break
    if not done:
        shutil.rmtree(staging, ignore_errors=True)
        print("boto3 could not be installed: no package index can be reached and this machine has no copy of it "
              "(on Debian or Ubuntu: apt-get install python3-boto3), then run: devtools sdk install --python", flush=True)
        return 2
    shutil.rmtree(cache, ignore_errors=True)
    os.replace(staging, cache)
    print(f"boto3 {cached_version(cache)} is in {cache}", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("probe", "install"):
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    mode, cache_dir = sys.argv[1], os.path.abspath(sys.argv[2])
    if mode == "probe":
        print(json.dumps(probe(cache_dir)))
    else:
        sys.exit(install(cache_dir))
