// The most connected entities, by the number of relations touching them.
MATCH (n)-[r]-()
RETURN n.name AS entity, labels(n)[0] AS type, count(r) AS degree
ORDER BY degree DESC, entity
LIMIT 10;
