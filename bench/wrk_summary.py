"""Reads wrk --latency output; prints "requests/s p50_ms p99_ms errors"."""
import re
import sys

text = sys.stdin.read()


def ms(label):
    m = re.search(r"^\s*" + re.escape(label) + r"\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value


rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = int(non2xx.group(1)) if non2xx else 0
if sock:
    errors += sum(int(x) for x in sock.groups())
rate = float(rps.group(1)) if rps else 0.0
print(f"{rate:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {errors}")
