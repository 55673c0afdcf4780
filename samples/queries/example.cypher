// A worked example over the sample graph. Build it and run the script:
//   make run                      (or: build/kg build samples/*.txt --graph out/samples.json)
//   build/kg query out/samples.json -f samples/queries/example.cypher
//   build/kg query out/samples.json -f samples/queries/example.cypher --format json
// Statements end with ';' and may span lines. Lines that start with ':' are meta-commands,
// the same as in `kg shell`; with --format json their reports go to stderr.

// 1. What kinds of things the graph holds: labels and relationship types with counts.
:schema

// 2. The most connected entities, by the relations touching them.
MATCH (n)-[r]-()
RETURN n.name AS entity, labels(n)[0] AS type, count(r) AS degree
ORDER BY degree DESC, entity
LIMIT 5;

// 3. Who met whom, and how many sentences say so.
MATCH (a:Person)-[r:meet]->(b:Person)
RETURN a.name AS who, b.name AS met, r.count AS sentences
ORDER BY who, met;

// 4. Who holds which role where: relations named ..._of from a person.
MATCH (p:Person)-[r]->(x)
WHERE type(r) ENDS WITH '_of'
RETURN p.name AS person, type(r) AS role, x.name AS of
ORDER BY person, role;

// 5. How two people are connected, with parameters for the two names.
:param from => 'Dmytro Kuleba'
:param to => 'Vladimir Putin'
MATCH (a:Person), (b:Person)
WHERE a.name = $from AND b.name = $to
MATCH p = shortestPath((a)-[*..6]-(b))
RETURN [n IN nodes(p) | n.name] AS chain, [r IN relationships(p) | type(r)] AS relations;

// 6. Everything within two hops of Guterres, nearest first (add --dot hood.dot to the command
//    line to draw what the statements returned).
:param who => 'Antonio Guterres'
MATCH p = (g:Person)-[*1..2]-(x)
WHERE g.name = $who AND x <> g
WITH x, min(length(p)) AS hops
RETURN x.name AS neighbour, hops
ORDER BY hops, neighbour;
