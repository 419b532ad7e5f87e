"""Prints what GET /api/models/deep-ranker (saved to the file named on the command line) says is serving as stable:
one line for bench/run.sh, empty while no version is stable yet, "FAILED: ..." when the last training failed."""
import json
import sys

model = json.load(open(sys.argv[1]))
last = model.get("lastRetraining") or {}
if last.get("status") == "failed":
    print(f"FAILED: {last.get('error')}")
    sys.exit()
stable = (model.get("labels") or {}).get("stable")
entry = next((v for v in model.get("versions", []) if v["version"] == stable), None)
if entry is not None:
    metrics = entry.get("metrics") or {}
    print(f"deep-ranker {stable} (schema {entry['schemaVersion']}, trained in {metrics.get('training_seconds', 0):.0f} s, "
          f"validation AUC {metrics.get('validation_auc', 0):.3f})")
