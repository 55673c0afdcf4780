#!/usr/bin/env python3
"""Before/after table of the nodes that hold each of a list of people in two kg graph files:
nodes named the full name, the surname, or either with an honorific, with type, mentions and
relations. Usage: scripts/people-table.py BEFORE.json AFTER.json scripts/people-bbc.txt"""
import json, re, sys, collections
HON = r"(Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof|Professor|Rev)\.?"
def load(path):
    g = json.load(open(path))
    deg = collections.Counter()
    for e in g['edges']:
        deg[e['from']] += 1; deg[e['to']] += 1
    return g['nodes'], deg
def holders(nodes, deg, p):
    sur = p.split()[-1]
    out = []
    for n in nodes:
        nm = n.get('name', '')
        bare = re.sub("^" + HON + " ", "", nm)
        if bare == p or bare == sur:
            out.append((n['mentions'], f"{nm} [{n['labels'][0][:3]}] {n['mentions']}m/{deg[n['id']]}r"))
    out.sort(reverse=True)
    return [s for _, s in out]
b = load(sys.argv[1]); a = load(sys.argv[2])
print("| person | before: nodes | after: nodes |")
print("| --- | --- | --- |")
for p in [l.strip() for l in open(sys.argv[3]) if l.strip()]:
    hb, ha = holders(*b, p), holders(*a, p)
    print(f"| {p} | {len(hb)}: {'; '.join(hb[:4])} | {len(ha)}: {'; '.join(ha[:3])} |")
