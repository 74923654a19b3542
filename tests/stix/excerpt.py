#!/usr/bin/env python3
"""Makes the committed ATT&CK excerpts (tests/fixtures/attack/) from the real
bundles of mitre-attack/attack-stix-data, so tests never reach the network:

    python3 tests/stix/excerpt.py ics-attack.json tests/fixtures/attack/ics-attack-excerpt.json G0034 S0604 T0855
    python3 tests/stix/excerpt.py mobile-attack-17.1.json tests/fixtures/attack/mobile-attack-excerpt.json S0316 T1636

Kept: every object a seed (an ATT&CK id) is in a relationship with, and those
relationships; for each (source type, relationship type, target type) the
first few relationships by id and their two ends; the identity, the marking
definitions, the collection (its contents cut to what is kept) and the
matrices; at least a few objects of every type. Objects keep their order and
every property, byte for byte as JSON values (re-serialized with indent 1)."""

import json
import sys

PER_TRIPLE = 4
PER_TYPE = 3
ALWAYS = {"identity", "marking-definition", "x-mitre-collection", "x-mitre-matrix"}


def attack_id(o):
    for r in o.get("external_references", []):
        if r.get("source_name") in ("mitre-attack", "mitre-mobile-attack", "mitre-ics-attack") and "external_id" in r:
            return r["external_id"]
    return None


def main(src, dst, seeds):
    bundle = json.load(open(src, encoding="utf-8"))
    objs = bundle["objects"]
    by_id = {o["id"]: o for o in objs}
    seed_ids = {o["id"] for o in objs if attack_id(o) in seeds and o["type"] != "relationship"}
    missing = set(seeds) - {attack_id(by_id[i]) for i in seed_ids}
    if missing:
        sys.exit(f"excerpt.py: no object has the ATT&CK id {sorted(missing)}")
    keep = {o["id"] for o in objs if o["type"] in ALWAYS}
    rels = sorted((o for o in objs if o["type"] == "relationship"), key=lambda o: o["id"])
    chosen = []
    triples = {}
    for r in rels:
        s, t = by_id.get(r["source_ref"]), by_id.get(r["target_ref"])
        if s is None or t is None:
            continue
        triple = (s["type"], r["relationship_type"], t["type"])
        if r["source_ref"] in seed_ids or r["target_ref"] in seed_ids or triples.get(triple, 0) < PER_TRIPLE:
            triples[triple] = triples.get(triple, 0) + 1
            chosen.append(r)
    for r in chosen:
        keep |= {r["id"], r["source_ref"], r["target_ref"]}
    keep |= seed_ids
    counts = {}
    for o in sorted(objs, key=lambda o: o["id"]):
        if o["type"] == "relationship":
            continue
        if o["id"] in keep:
            counts[o["type"]] = counts.get(o["type"], 0) + 1
    for o in sorted(objs, key=lambda o: o["id"]):
        if o["type"] != "relationship" and counts.get(o["type"], 0) < PER_TYPE and o["id"] not in keep:
            keep.add(o["id"])
            counts[o["type"]] = counts.get(o["type"], 0) + 1
    # What the kept objects name (a matrix its tactics, a detection strategy
    # its analytics), so no reference is left dangling.
    todo = list(keep)
    while todo:
        o = by_id.get(todo.pop())
        if o is None or o["type"] == "relationship":
            continue
        for k, v in o.items():
            if k == "x_mitre_contents":
                continue
            refs = v if k.endswith("_refs") and isinstance(v, list) else [v] if k.endswith("_ref") else []
            for r in refs:
                if isinstance(r, str) and r in by_id and r not in keep:
                    keep.add(r)
                    todo.append(r)
    out = []
    for o in objs:
        if o["id"] not in keep:
            continue
        if o["type"] == "x-mitre-collection":
            o = dict(o)
            o["x_mitre_contents"] = [c for c in o.get("x_mitre_contents", []) if c["object_ref"] in keep]
        out.append(o)
    bundle["objects"] = out
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(bundle, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{dst}: {len(out)} of {len(objs)} objects")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], set(sys.argv[3:]))
