#!/usr/bin/env python3
# usage: scripts/names-report.py GRAPH.json
"""Entity-quality figures of a kg graph file: honorific-led names, names with punctuation junk,
and for each of a list of people, the Person nodes that hold them (by full name, surname,
honorific form)."""
import json, re, sys, collections
HON = r"(Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof|Professor|Rev|Mister|Baroness)\.?"
g = json.load(open(sys.argv[1]))
nodes = g['nodes']
deg = collections.Counter()
for e in g['edges']:
    deg[e['from']] += 1; deg[e['to']] += 1
hon = [n for n in nodes if re.match(HON + r"( |$)", n.get('name', ''))]
junk = [n for n in nodes if re.search(r"""^[^\w]|[^\w.)]$|'s$|’s$|["“”:;]""", n.get('name', ''))]
print("nodes", len(nodes), "relations", len(g['edges']))
print("honorific-led names", len(hon), [n['name'] for n in hon[:8]])
print("punctuation/possessive names", len(junk), [n['name'] for n in junk[:15]])
if len(sys.argv) > 2:
    people = [l.strip() for l in open(sys.argv[2]) if l.strip()]
    print("| person | nodes holding him/her (before: name [type] mentions/relations) |")
    for p in people:
        sur = p.split()[-1]
        hits = []
        for n in nodes:
            names = [n.get('name', '')] + n.get('aliases', [])
            nm = n.get('name', '')
            key = re.sub(HON + " ", "", nm)
            if nm == p or key == sur or key == p or (nm.endswith(' ' + sur) and re.match(HON + " ", nm)):
                hits.append(f"{nm} [{n['labels'][0] if n.get('labels') else ''}] {n.get('mentions',0)}/{deg[n['id']]}")
        print(f"| {p} | {len(hits)}: " + "; ".join(hits) + " |")
