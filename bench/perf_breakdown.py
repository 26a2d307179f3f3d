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

# (label, pattern on a frame's symbol or object); order is the order printed.
COMPONENTS = [
    ("HTTP request (Kestrel, the whole request)", r"HttpProtocol\+<ProcessRequests>"),
    ("  form reading", r"FormFeature::InnerReadFormAsync|FormPipeReader"),
    ("  KA endpoint handler (parse, grain call, answer)", r"KaEndpoint\+<Handle>"),
    ("  Basic auth and KA telemetry filters", r"BasicAuthFilter|KaTelemetryFilter::InvokeAsync"),
    ("Orleans: grain call dispatch and message loop", r"ActivationData\+<RunMessageLoop>|InsideRuntimeClient"),
    ("  LicenseGrain.Issue (rules, signing, storage)", r"LicenseGrain\+<Issue>"),
    ("    signing (Ed25519 + JWS)", r"SigningKeyRing::Sign"),
    ("    storage write (Orleans ADO.NET provider)", r"AdoNetGrainStorage\+<WriteStateAsync>"),
    ("      state serialization", r"OrleansGrainStorageSerializer::Serialize"),
    ("      Npgsql command", r"NpgsqlCommand\+<ExecuteReader>"),
    ("OpenTelemetry metrics", r"OpenTelemetry\.Metrics"),
    ("kernel (sockets, wake-ups, page faults)", r"\[kernel\.kallsyms\]"),
    ("libcoreclr (allocation, GC, casts, stubs)", r"libcoreclr\.so"),
    ("JIT (libclrjit)", r"libclrjit\.so"),
]
compiled = [(label, re.compile(pattern)) for label, pattern in COMPONENTS]

per_process = collections.Counter()
service_samples = 0
service_threads = collections.Counter()
inclusive = collections.Counter()
leaf_object = collections.Counter()


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
    hit = set()
    for frame in frames:
        for label, pattern in compiled:
            if label not in hit and pattern.search(frame):
                hit.add(label)
    # Kernel, runtime and JIT count only for the frame actually running (the leaf), not for callers.
    for label in ("kernel (sockets, wake-ups, page faults)", "libcoreclr (allocation, GC, casts, stubs)", "JIT (libclrjit)"):
        hit.discard(label)
    if frames:
        for label, pattern in compiled[-3:]:
            if pattern.search(frames[0]):
                hit.add(label)
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
for label, _ in COMPONENTS:
    print(f"  {label:<52} {100 * inclusive[label] / max(1, service_samples):5.1f}%")
print()
print("== the service by thread")
for comm, count in service_threads.most_common(6):
    print(f"  {comm:<52} {100 * count / max(1, service_samples):5.1f}%")
