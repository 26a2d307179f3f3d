"""Reads `perf script -F comm,pid,ip,sym,dso` (recorded with -g) on stdin and prints where CPU went.

Usage: perf script ... | python3 bench/perf_breakdown.py SERVICE_PID DRIVER_PID REQUESTS_PER_SECOND SECONDS HZ
Shares of the service are inclusive (a frame counts when it is anywhere on the stack), as a share of the
service's own samples; components overlap where one calls another.
"""
import collections
import re
import sys

service, driver = sys.argv[1], sys.argv[2]
rate, seconds, hz = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])

# (label, pattern on a frame's symbol or object, leaf only); order is the order printed. A leaf-only component
# counts a sample only when it is the frame actually running, not when it is somewhere up the stack.
COMPONENTS = [
    ("HTTP request (Kestrel, the whole request)", r"HttpProtocol\+<ProcessRequests>", False),
    ("  form reading", r"FormFeature::InnerReadFormAsync|FormPipeReader", False),
    ("  KA endpoint handler (parse, grain call, answer)", r"KaEndpoint\+<Handle>", False),
    ("  Basic auth and KA telemetry filters", r"BasicAuthFilter|KaTelemetryFilter::InvokeAsync", False),
    ("Orleans: grain call dispatch and message loop", r"ActivationData\+<RunMessageLoop>|InsideRuntimeClient", False),
    ("  LicenseGrain.Issue (rules, signing, storage)", r"LicenseGrain\+<Issue>", False),
    ("    signing (Ed25519 + JWS)", r"SigningKeyRing::Sign", False),
    ("    storage write (Orleans ADO.NET provider)", r"AdoNetGrainStorage\+<WriteStateAsync>", False),
    ("      state serialization", r"OrleansGrainStorageSerializer::Serialize", False),
    ("      Npgsql command", r"NpgsqlCommand\+<ExecuteReader>", False),
    ("OpenTelemetry metrics", r"OpenTelemetry\.Metrics", False),
    ("kernel (sockets, wake-ups, page faults)", r"\[kernel\.kallsyms\]", True),
    ("libcoreclr (allocation, GC, casts, stubs)", r"libcoreclr\.so", True),
    ("JIT (libclrjit)", r"libclrjit\.so", True),
]
compiled = [(label, re.compile(pattern), leaf_only) for label, pattern, leaf_only in COMPONENTS]

per_process = collections.Counter()
service_samples = 0
service_threads = collections.Counter()
inclusive = collections.Counter()


def finish(header, frames):
    global service_samples
    if header is None:
        return
    comm, pid = header
    who = "service" if pid == service else "driver" if pid == driver else "postgres" if comm == "postgres" else "other"
    per_process[who] += 1
    if who != "service":
        return
    service_samples += 1
    service_threads[comm] += 1
    hit = {
        label
        for label, pattern, leaf_only in compiled
        if any(pattern.search(frame) for frame in (frames[:1] if leaf_only else frames))
    }
    inclusive.update(hit)


header, frames = None, []
for line in sys.stdin:
    if not line.strip():
        continue
    if line[0] in " \t":
        frames.append(line.strip())
        continue
    finish(header, frames)
    parts = line.split()
    header, frames = (" ".join(parts[:-1]), parts[-1]), []
finish(header, frames)

total = sum(per_process.values())
print(f"== CPU by process ({total} samples over {seconds:.0f} s at {hz:.0f} Hz); CPU per answered request at {rate:.0f}/s")
for who, count in per_process.most_common():
    micros = count / hz / seconds / rate * 1e6
    print(f"  {who:<9} {100 * count / total:5.1f}% of all samples  {micros:6.0f} µs per request")
print()
print("== the service by component (inclusive, % of the service's samples)")
for label, _, _ in COMPONENTS:
    print(f"  {label:<52} {100 * inclusive[label] / max(1, service_samples):5.1f}%")
print()
print("== the service by thread")
for comm, count in service_threads.most_common(6):
    print(f"  {comm:<52} {100 * count / max(1, service_samples):5.1f}%")
