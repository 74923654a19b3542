"""Writes random STIX 2.1 bundles made by OASIS's stix2-generator.

    $BRIEF_STIX_PYTHON tests/stix/generate.py [--valid] OUTDIR COUNT SEED

Writes OUTDIR/random-000.json ... random-(COUNT-1).json, each a bundle
{"type": "bundle", "id": "bundle--<uuid4>", "objects": [...]} of STIX 2.1
objects: a graph the generator grows from one seed object through
relationships and sightings, every reference property pointing at an object
in the bundle. In most bundles one or two reports are added, made by the
generator too, whose object_refs name some of the bundle's objects, so some
objects are in a report, some in two, and some in none. Every third bundle's
seed object is itself a report.

The generator now and then makes an object the OASIS validator refuses even
in its default mode (about one bundle in eight: an artifact whose mime_type
Faker took from outside IANA's list, a process with no property but
created_time). With --valid, such a bundle is made again, from where the
random streams are, until the validator's default mode passes it; the files
are then as deterministic as without it.

The same SEED gives the same files, byte for byte, with the same versions of
the libraries (requirements.txt): Python's random and Faker's are seeded, and
the two things the generator takes from outside them are pinned here: the
UUIDs (uuid.uuid4) come from the seeded random, and "now", around which it
picks timestamps (in properties, and START/STOP in patterns), is a fixed
moment. Python's string hashing, which orders some sets the generator walks,
is fixed by running with PYTHONHASHSEED=0 (this script restarts itself with
it when it is not set so).
"""

import datetime
import json
import os
import random
import sys
import uuid

# Fixed before anything is imported that might build sets of strings.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import faker  # noqa: E402
import stix2generator  # noqa: E402
import stix2generator.generation.object_generator  # noqa: E402
import stix2generator.generation.pattern_generator  # noqa: E402
import stix2generator.generation.reference_graph_generator  # noqa: E402
import stix2generator.generation.semantics  # noqa: E402
import stix2generator.generation.stix_generator  # noqa: E402

# The moment the generator's timestamps are picked around (within a year).
NOW = datetime.datetime(2024, 6, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)


class _FixedNow(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return NOW.replace(tzinfo=None) if tz is None else NOW.astimezone(tz)

    @classmethod
    def utcnow(cls):
        return NOW.replace(tzinfo=None)


class _DatetimeModule:
    """What the generator's semantics and pattern modules see as `datetime`."""

    timedelta = datetime.timedelta
    timezone = datetime.timezone
    datetime = _FixedNow


def _seeded_uuid4():
    return uuid.UUID(int=random.getrandbits(128), version=4)


def make_generators():
    object_generator_config = stix2generator.generation.object_generator.Config(
        # As the generator's own command line has it: with reference
        # properties minimized, the reference graph has little to follow.
        minimize_ref_properties=False,
    )
    ref_graph_config = stix2generator.generation.reference_graph_generator.Config(
        max_depth=1,
        probability_reuse=0.5,
    )
    stix_config = stix2generator.generation.stix_generator.Config(
        min_relationships=3,
        max_relationships=8,
        probability_reuse=0.5,
        probability_sighting=0.2,
        complete_ref_properties=True,
    )
    stix_generator = stix2generator.create_stix_generator(
        object_generator_config=object_generator_config,
        ref_graph_generator_config=ref_graph_config,
        stix_generator_config=stix_config,
        stix_version="2.1",
    )
    object_generator = stix2generator.create_object_generator(
        object_generator_config, stix_version="2.1"
    )
    return stix_generator, object_generator


def as_json(obj):
    """A generated object (a stix2 object or a dict) as plain JSON data."""
    if hasattr(obj, "serialize"):
        return json.loads(obj.serialize())
    return json.loads(json.dumps(obj))


def make_report(object_generator, objects):
    """A generator-made report whose object_refs are some of `objects`."""
    report = as_json(object_generator.generate("report"))
    candidates = [o["id"] for o in objects if o["type"] != "report"]
    count = random.randint(1, max(1, min(len(candidates), 8)))
    report["object_refs"] = random.sample(candidates, count)
    # Its own created_by_ref, object_marking_refs and the like point at
    # nothing in the bundle; keep an identity only if there is one.
    for prop in list(report):
        if prop != "object_refs" and prop.endswith(
            ("_ref", "_refs", "granular_markings")
        ):
            del report[prop]
    identities = [o["id"] for o in objects if o["type"] == "identity"]
    if identities:
        report["created_by_ref"] = random.choice(identities)
    report["modified"] = max(report["modified"], report["created"])
    return report


def make_bundle(stix_generator, object_generator, index):
    seed_type = "report" if index % 3 == 0 else None
    graph = stix_generator.generate(seed_type=seed_type)
    objects = [as_json(o) for o in graph.values()]
    reports = random.choice([0, 1, 1, 2])
    for _ in range(reports):
        objects.append(make_report(object_generator, objects))
    return {
        "type": "bundle",
        "id": f"bundle--{_seeded_uuid4()}",
        "objects": objects,
    }


def default_valid(bundle):
    import stix2validator

    options = stix2validator.ValidationOptions(version="2.1", silent=True)
    return stix2validator.validate_parsed_json(bundle, options).is_valid


def main(argv):
    valid = "--valid" in argv
    argv = [a for a in argv if a != "--valid"]
    if len(argv) != 3:
        print("usage: generate.py [--valid] OUTDIR COUNT SEED", file=sys.stderr)
        return 2
    outdir, count, seed = argv[0], int(argv[1]), int(argv[2])

    random.seed(seed)
    faker.Faker.seed(seed)
    uuid.uuid4 = _seeded_uuid4
    stix2generator.generation.semantics.datetime = _DatetimeModule
    stix2generator.generation.pattern_generator.datetime = _DatetimeModule

    os.makedirs(outdir, exist_ok=True)
    stix_generator, object_generator = make_generators()
    for index in range(count):
        bundle = make_bundle(stix_generator, object_generator, index)
        tries = 1
        while valid and not default_valid(bundle):
            if tries == 50:
                print(f"generate.py: no valid bundle in {tries} tries", file=sys.stderr)
                return 1
            bundle = make_bundle(stix_generator, object_generator, index)
            tries += 1
        path = os.path.join(outdir, f"random-{index:03d}.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(bundle, f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(f"generate.py: wrote {count} bundles to {outdir} (seed {seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
