"""Checks STIX 2.1 bundles the way OASIS's own tools read them.

    $BRIEF_STIX_PYTHON tests/stix/check.py [--no-strict] FILE.json...

Each file passes when all of these do:
- the OASIS validator (stix2-validator) with its default options, as STIX 2.1:
  no errors (its warnings are printed only when something fails);
- the validator in strict mode, where its "SHOULD" warnings are errors, with
  check 302 (extref-hashes: "external references SHOULD have hashes")
  disabled, since an external reference to a web page has no hash to give
  and OASIS's own examples fail it; --no-strict leaves this pass out;
- stix2.parse(text, allow_custom=True, version="2.1"), the STIX 2 library's
  reading of the bundle.

Prints one line per file that passes (`valid: 55 objects (default, strict
-302, stix2.parse): FILE`) and, for one that fails, one line per problem
(`FILE: PASS: OBJECT-ID: MESSAGE`). Exits 0 when every file passes, 1 when
any fails, 2 on a usage error. Run it with the python of the venv ./test.sh
makes (target/stix-venv), which has the versions in requirements.txt.
"""

import json
import re
import sys

import stix2
import stix2validator

STRICT_DISABLED = ["302"]

# The validator checks a bundle as one object and starts each message about an
# object inside it with that object's id.
INNER_ID = re.compile(r"^([a-z0-9-]+--[0-9a-fA-F-]{36}): (.*)$", re.DOTALL)


def problem(label, result, kind, message):
    message = str(message)
    object_id = result.object_id or "-"
    inner = INNER_ID.match(message)
    if inner:
        object_id, message = inner.groups()
    return (label, object_id, kind + ": " + message)


def validator_problems(path, label, options, warnings_fail):
    """The validator's errors for one file, and its warnings too when
    warnings_fail, as (label, object id, message)."""
    results = stix2validator.validate_file(path, options)
    problems = []
    if results.fatal:
        problems.append((label, "-", results.fatal.error))
    for result in results.object_results or []:
        for error in result.errors:
            problems.append(problem(label, result, "error", error))
        if warnings_fail:
            for warning in result.warnings or []:
                problems.append(problem(label, result, "warning", warning))
    return results.is_valid and not problems, problems, results


def default_warnings(results):
    out = []
    for result in results.object_results or []:
        for warning in result.warnings or []:
            out.append(problem("default", result, "warning", warning))
    return out


def check(path, strict):
    problems = []
    passes = []

    ok, found, results = validator_problems(
        path,
        "default",
        stix2validator.ValidationOptions(version="2.1"),
        warnings_fail=False,
    )
    problems += found
    passes.append("default")

    if strict:
        ok_strict, found, _ = validator_problems(
            path,
            "strict -302",
            stix2validator.ValidationOptions(
                version="2.1", strict=True, disabled=list(STRICT_DISABLED)
            ),
            # Strict makes most warnings errors itself; any left count too.
            warnings_fail=True,
        )
        ok = ok and ok_strict
        problems += found
        passes.append("strict -302")

    count = "?"
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        parsed = stix2.parse(text, allow_custom=True, version="2.1")
        if getattr(parsed, "type", None) != "bundle":
            ok = False
            problems.append(("stix2.parse", getattr(parsed, "id", "-"), "not a bundle"))
        else:
            count = len(json.loads(text).get("objects", []))
    except Exception as e:  # noqa: BLE001 - any failure to parse is the finding
        ok = False
        problems.append(("stix2.parse", "-", f"{type(e).__name__}: {e}"))
    passes.append("stix2.parse")

    if ok and not problems:
        print(f"valid: {count} objects ({', '.join(passes)}): {path}")
        return True
    for label, object_id, message in problems + default_warnings(results):
        for i, line in enumerate(message.splitlines() or [""]):
            prefix = f"{path}: {label}: {object_id}: " if i == 0 else "    "
            print(prefix + line)
    return False


def main(argv):
    strict = True
    files = []
    for arg in argv:
        if arg == "--no-strict":
            strict = False
        elif arg in ("-h", "--help"):
            print(__doc__)
            return 0
        elif arg.startswith("-"):
            print(f"check.py: unknown option {arg}", file=sys.stderr)
            return 2
        else:
            files.append(arg)
    if not files:
        print("usage: check.py [--no-strict] FILE.json...", file=sys.stderr)
        return 2
    all_ok = True
    for path in files:
        all_ok = check(path, strict) and all_ok
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
